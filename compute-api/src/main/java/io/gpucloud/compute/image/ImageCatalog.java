package io.gpucloud.compute.image;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Read access to images for the rest of the compute API, with Glance's visibility rules. */
@Service
public class ImageCatalog {

    private final ImageRepository images;

    ImageCatalog(ImageRepository images) {
        this.images = requireNonNull(images, "images is null");
    }

    /** The image, if it exists and the caller may see it; an id that is not a uuid names no image. */
    public Optional<Image> findVisible(String imageId, AuthContext caller) {
        requireNonNull(caller, "caller is null");
        return parse(imageId).flatMap(images::find).filter(image -> ImageAccess.canSee(image, caller));
    }

    /**
     * The image a server may boot from: visible to the caller and active. Nova answers both failures with 400
     * on server create, so they are thrown as such.
     *
     * @throws ApiException 400 "Image X could not be found." or "Image X is not active."
     */
    public Image findUsable(String imageId, AuthContext caller) {
        Image image = findVisible(imageId, caller)
                .orElseThrow(() -> ApiException.badRequest("Image " + imageId + " could not be found."));
        if (!image.isActive()) {
            throw ApiException.badRequest("Image " + imageId + " is not active.");
        }
        return image;
    }

    List<Image> list(ImageListQuery query) {
        return images.list(query);
    }

    static Optional<UUID> parse(String imageId) {
        if (imageId == null) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(imageId);
            // UUID.fromString accepts short forms such as "1-2-3-4-5"; only the canonical text names an image.
            return id.toString().equalsIgnoreCase(imageId) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
