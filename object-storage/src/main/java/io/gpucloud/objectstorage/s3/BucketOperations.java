package io.gpucloud.objectstorage.s3;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.BucketService;
import io.gpucloud.objectstorage.store.Container;
import io.gpucloud.objectstorage.store.ContainerService;
import io.gpucloud.objectstorage.store.ListingEntry;
import io.gpucloud.objectstorage.store.ListingQuery;
import java.io.IOException;
import java.util.List;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/** ListBuckets, CreateBucket, HeadBucket, DeleteBucket and GetBucketLocation. */
@Component
class BucketOperations {

    private static final int LISTING_PAGE = 10_000;
    private static final int MAX_CONFIGURATION_BYTES = 64 * 1024;

    private final ContainerService containers;
    private final BucketService buckets;
    private final S3Buckets resolver;
    private final S3Properties properties;

    BucketOperations(ContainerService containers, BucketService buckets, S3Buckets resolver, S3Properties properties) {
        this.containers = requireNonNull(containers, "containers is null");
        this.buckets = requireNonNull(buckets, "buckets is null");
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    void listBuckets(S3Request request) throws IOException {
        XmlWriter xml = XmlWriter.document("ListAllMyBucketsResult");
        owner(xml, request.project()).start("Buckets");
        String marker = null;
        List<ListingEntry<Container>> page;
        do {
            page = containers.list(request.project(), new ListingQuery(null, null, marker, null, LISTING_PAGE, false));
            for (ListingEntry<Container> entry : page) {
                if (entry instanceof ListingEntry.Item<Container> item) {
                    xml.start("Bucket").element("Name", item.name())
                            .element("CreationDate", S3Dates.xml(item.value().createdAt())).end("Bucket");
                }
                marker = entry.name();
            }
        } while (page.size() == LISTING_PAGE);
        xml.end("Buckets");
        S3Responses.xml(request.response(), 200, xml.finish("ListAllMyBucketsResult"));
    }

    void create(S3Request request) throws IOException {
        String bucket = request.bucket();
        BucketNames.require(bucket);
        String region = locationConstraint(request.smallBody(MAX_CONFIGURATION_BYTES));
        switch (buckets.create(request.project(), bucket, region)) {
            case CREATED -> {
                request.response().setHeader("Location", "/" + bucket);
                S3Responses.empty(request.response(), 200);
            }
            case ALREADY_OWNED -> throw new S3Exception(S3Error.BUCKET_ALREADY_OWNED_BY_YOU,
                    "Your previous request to create the named bucket succeeded and you already own it.");
            case TAKEN -> throw new S3Exception(S3Error.BUCKET_ALREADY_EXISTS, "The requested bucket name is not available."
                    + " The bucket namespace is shared by all users of the system. Please select a different name and try again.");
        }
    }

    void head(S3Request request) {
        Container container = resolver.require(request.project(), request.bucket());
        request.response().setHeader("x-amz-bucket-region", regionOf(container));
        S3Responses.empty(request.response(), 200);
    }

    void delete(S3Request request) {
        resolver.require(request.project(), request.bucket());
        containers.delete(request.project(), request.bucket());
        S3Responses.empty(request.response(), 204);
    }

    void location(S3Request request) throws IOException {
        Container container = resolver.require(request.project(), request.bucket());
        S3Responses.xml(request.response(), 200,
                XmlWriter.document("LocationConstraint").text(regionOf(container)).finish("LocationConstraint"));
    }

    private String regionOf(Container container) {
        return buckets.region(container).orElse(properties.defaultRegion());
    }

    /** The region a CreateBucket body names; an absent body or constraint means the default region. */
    private String locationConstraint(byte[] body) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return properties.defaultRegion();
        }
        Element root = XmlBodies.parse(body);
        XmlBodies.requireRoot(root, "CreateBucketConfiguration");
        String constraint = XmlBodies.text(root, "LocationConstraint");
        if (constraint == null || constraint.isBlank()) {
            return properties.defaultRegion();
        }
        if (!properties.regions().contains(constraint.strip())) {
            throw new S3Exception(S3Error.INVALID_LOCATION_CONSTRAINT, "The specified location-constraint is not valid");
        }
        return constraint.strip();
    }

    static XmlWriter owner(XmlWriter xml, String project) {
        return xml.start("Owner").element("ID", project).element("DisplayName", project).end("Owner");
    }
}
