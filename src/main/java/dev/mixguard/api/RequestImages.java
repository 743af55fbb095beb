package dev.mixguard.api;

import dev.mixguard.config.LimitsConfig;
import dev.mixguard.image.ImageDecodingException;
import dev.mixguard.image.ImagePreprocessor;
import dev.mixguard.image.ImageTooLargeException;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.model.FileErrors;
import dev.mixguard.model.InvalidInputException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The one reader of request images for classify and probe: each of the three body forms (a raw PNG/JPEG body,
 * multipart parts named "image", JSON base64 images or a tensor) becomes an {@link ImageInput}, which is decoded
 * into model inputs with each error naming the image it came from.
 */
@ApplicationScoped
public class RequestImages {

    /** Name of the multipart parts that carry images. */
    public static final String IMAGE_PART = "image";

    private final ImagePreprocessor preprocessor;
    private final int maxBatch;

    RequestImages(LimitsConfig limits) {
        this.preprocessor = new ImagePreprocessor(limits.maxPixels());
        this.maxBatch = limits.maxBatch();
    }

    /** A raw PNG or JPEG body. */
    public static ImageInput fromBody(byte[] body) {
        return new ImageInput.Encoded(List.of(new EncodedImage("image", () -> body)));
    }

    /** Multipart parts, every one of them named "image". */
    public static ImageInput fromParts(List<FileUpload> parts) {
        if (parts.stream().anyMatch(part -> part.name() == null)) {
            throw new InvalidInputException("expected every part to carry Content-Disposition: form-data; name=\""
                    + IMAGE_PART + "\", found a part without a name");
        }
        List<String> others = parts.stream().map(FileUpload::name).filter(n -> !IMAGE_PART.equals(n)).toList();
        if (!others.isEmpty()) {
            throw new InvalidInputException("expected only parts named \"" + IMAGE_PART + "\", found "
                    + new TreeSet<>(others));
        }
        return new ImageInput.Encoded(images(parts));
    }

    /** A JSON body's base64 images or tensor, exactly one of them. */
    public static ImageInput fromJson(JsonImages json) {
        if (json == null || (json.images() == null) == (json.tensor() == null)) {
            throw new InvalidInputException("expected a JSON object with either \"images\" or \"tensor\", found "
                    + (json == null ? "no body" : json.images() == null ? "neither" : "both"));
        }
        if (json.tensor() != null) {
            return new ImageInput.Tensor(json.tensor());
        }
        List<EncodedImage> images = new ArrayList<>(json.images().size());
        for (int i = 0; i < json.images().size(); i++) {
            String text = json.images().get(i);
            String origin = "images[" + i + "]";
            images.add(new EncodedImage(origin, () -> Base64Images.decode(origin, text)));
        }
        return new ImageInput.Encoded(images);
    }

    /** One encoded image per multipart file part, read lazily from its upload file. */
    public static List<EncodedImage> images(List<FileUpload> parts) {
        List<EncodedImage> images = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            FileUpload part = parts.get(i);
            images.add(new EncodedImage("image " + i + " (\"" + Objects.requireNonNullElse(part.fileName(), "")
                    + "\")", () -> Files.readAllBytes(part.uploadedFile())));
        }
        return images;
    }

    /**
     * The model inputs of {@code input}: encoded images are decoded on a worker thread, a tensor is checked and
     * split at once; either way at most {@code mixguard.limits.max-batch} images.
     */
    public Uni<List<float[]>> read(LoadedModel model, ImageInput input) {
        if (input instanceof ImageInput.Tensor tensor) {
            return Uni.createFrom().item(() -> tensor.tensor().split(model.inputShape(), maxBatch));
        }
        List<EncodedImage> images = ((ImageInput.Encoded) input).images();
        return Uni.createFrom().item(() -> decode(model, images))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Decodes every image into {@code model}'s input layout; blocking, so call it off the event loop. An upload the
     * server cannot read back is its own fault, not the client's: UncheckedIOException, answered as an internal
     * error.
     */
    public List<float[]> decode(LoadedModel model, List<EncodedImage> images) {
        List<float[]> tensors = new ArrayList<>(images.size());
        for (EncodedImage image : images) {
            try {
                tensors.add(preprocessor.prepare(image.source().read(), model.inputShape(),
                        model.spec().input().colour()));
            } catch (ImageDecodingException e) {
                throw new ImageDecodingException(image.origin() + ": " + e.getMessage(), e);
            } catch (ImageTooLargeException e) {
                throw new ImageTooLargeException(image.origin() + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(image.origin() + ": expected the uploaded part readable on the server, "
                        + "found it unreadable: " + FileErrors.describe(e), e);
            }
        }
        return tensors;
    }
}
