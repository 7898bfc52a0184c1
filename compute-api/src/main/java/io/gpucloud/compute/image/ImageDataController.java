package io.gpucloud.compute.image;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /image/v2/images/{id}/file}: the data, uploaded once and streamed both ways (never held in memory whole).
 */
@RestController
class ImageDataController {

    private final ImageService service;

    ImageDataController(ImageService service) {
        this.service = requireNonNull(service, "service is null");
    }

    /** 204 once the data is stored and the image is active; 409 if it already has data. */
    @PutMapping("/image/v2/images/{id}/file")
    ResponseEntity<Void> upload(AuthContext caller, @PathVariable String id, HttpServletRequest request)
            throws IOException {
        String contentType = request.getContentType();
        if (contentType != null && !contentType.split(";")[0].strip().equalsIgnoreCase("application/octet-stream")) {
            throw new ApiException(415, "Unsupported Content-Type " + contentType
                    + "; send the data as application/octet-stream.");
        }
        service.upload(id, request.getInputStream(), caller);
        return ResponseEntity.noContent().build();
    }

    /** The bytes with {@code Content-MD5} (the hex checksum, as Glance sends it); 204 when there is no data. */
    @GetMapping("/image/v2/images/{id}/file")
    ResponseEntity<Resource> download(AuthContext caller, @PathVariable String id) {
        Image image = service.visible(id, caller);
        Optional<Path> file = service.dataOf(image);
        if (file.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-MD5", image.checksum())
                .body(new FileSystemResource(file.get()));
    }
}
