package io.gpucloud.compute.image;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Creating, changing, uploading and deleting images, with Glance's ownership rules. */
@Service
class ImageService {

    /** One JSON-patch operation on a top-level attribute. */
    record PatchOperation(String op, String attribute, JsonNode value) {
    }

    private static final Logger log = LoggerFactory.getLogger(ImageService.class);

    private final ImageRepository images;
    private final ImageDataStore data;
    private final Clock clock = Clock.systemUTC();

    ImageService(ImageRepository images, ImageDataStore data) {
        this.images = requireNonNull(images, "images is null");
        this.data = requireNonNull(data, "data is null");
    }

    /** @param body the create body: base attributes and extra properties as top-level keys */
    @Transactional
    Image create(Map<String, JsonNode> body, AuthContext caller) {
        UUID id = UUID.randomUUID();
        JsonNode requestedId = body.get("id");
        if (requestedId != null && !requestedId.isNull()) {
            id = ImageCatalog.parse(requestedId.isString() ? requestedId.stringValue() : "")
                    .orElseThrow(() -> ApiException.badRequest("Invalid value for 'id': expected a uuid."));
        }
        Instant now = now();
        ImageDraft draft = ImageDraft.create(id, caller.projectId(), now);
        for (Map.Entry<String, JsonNode> attribute : body.entrySet()) {
            if (!attribute.getKey().equals("id")) {
                draft.set(attribute.getKey(), attribute.getValue(), caller);
            }
        }
        Image image = draft.build(now);
        if (images.find(id).isPresent()) {
            throw ApiException.conflict("Image with identifier " + id + " already exists!");
        }
        try {
            images.insert(image);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("Image with identifier " + id + " already exists!");
        }
        return image;
    }

    @Transactional
    Image patch(String imageId, List<PatchOperation> operations, AuthContext caller) {
        Image image = ImageCatalog.parse(imageId).flatMap(images::findForUpdate)
                .filter(found -> ImageAccess.canSee(found, caller)).orElseThrow(() -> notFound(imageId));
        requireModifiable(image, caller);
        ImageDraft draft = ImageDraft.of(image);
        for (PatchOperation operation : operations) {
            switch (operation.op()) {
                case "add" -> draft.set(operation.attribute(), operation.value(), caller);
                case "replace" -> draft.replace(operation.attribute(), operation.value(), caller);
                case "remove" -> draft.remove(operation.attribute());
                default -> throw ApiException.badRequest("Unsupported patch operation '" + operation.op()
                        + "': use add, replace or remove.");
            }
        }
        Image updated = draft.build(now());
        images.update(updated);
        return updated;
    }

    /**
     * Streams the data to disk and activates the image. The status moves queued → saving before the first byte is
     * read, so a second upload (concurrent or later) is refused; a failed upload returns the image to queued.
     */
    Image upload(String imageId, InputStream body, AuthContext caller) {
        Image image = visible(imageId, caller);
        requireModifiable(image, caller);
        if (image.diskFormat() == null || image.containerFormat() == null) {
            throw ApiException.badRequest("Properties disk_format, container_format must be set prior to saving "
                    + "data.");
        }
        if (!images.startUpload(image.id())) {
            throw ApiException.conflict("Image " + imageId + " already has data (status " + image.status().wireName()
                    + "); data can be uploaded only to a queued image.");
        }
        ImageDataStore.StagedData staged;
        try {
            staged = data.stage(image.id(), body);
        } catch (ImageDataStore.TooLargeException e) {
            images.abandonUpload(image.id());
            throw new ApiException(413, e.getMessage());
        } catch (IOException e) {
            images.abandonUpload(image.id());
            log.info("upload of image {} failed: {}", image.id(), e.toString());
            throw ApiException.badRequest("The image data could not be read completely; the image is queued again.");
        } catch (RuntimeException e) {
            images.abandonUpload(image.id());
            throw e;
        }
        try {
            data.publish(staged, image.id());
        } catch (IOException e) {
            data.discard(staged);
            images.abandonUpload(image.id());
            throw new IllegalStateException("could not store the data of image " + image.id(), e);
        }
        if (!images.finishUpload(image.id(), staged.size(), staged.md5(), staged.sha512())) {
            data.delete(image.id());
            throw ApiException.conflict("Image " + imageId + " was deleted while its data was uploaded.");
        }
        return images.find(image.id()).orElseThrow(() -> notFound(imageId));
    }

    /** The active image's data file, or empty for an image without data. */
    Optional<Path> dataOf(Image image) {
        return image.isActive() ? data.find(image.id()) : Optional.empty();
    }

    void delete(String imageId, AuthContext caller) {
        Image image = visible(imageId, caller);
        requireModifiable(image, caller);
        if (image.isProtected()) {
            throw ApiException.forbidden("Image " + imageId + " is protected and cannot be deleted.");
        }
        images.delete(image.id());
        // The file goes after the row: an agent that already copied it is unaffected, and a file without a row
        // is unreachable. An upload still in flight finds the row gone and removes what it wrote.
        data.delete(image.id());
    }

    Image visible(String imageId, AuthContext caller) {
        return ImageCatalog.parse(imageId).flatMap(images::find).filter(image -> ImageAccess.canSee(image, caller))
                .orElseThrow(() -> notFound(imageId));
    }

    private static void requireModifiable(Image image, AuthContext caller) {
        if (!ImageAccess.canModify(image, caller)) {
            throw ApiException.forbidden("You are not permitted to modify image " + image.id() + ".");
        }
    }

    static ApiException notFound(String imageId) {
        return ApiException.notFound("No image found with ID " + imageId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
