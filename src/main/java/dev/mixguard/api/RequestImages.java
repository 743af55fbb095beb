package dev.mixguard.api;

import dev.mixguard.config.LimitsConfig;
import dev.mixguard.image.ImageDecodingException;
import dev.mixguard.image.ImagePreprocessor;
import dev.mixguard.image.ImageTooLargeException;
import dev.mixguard.inference.LoadedModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The one decoding path for request images (classify and probe): multipart parts or base64 strings become
 * {@link EncodedImage}s, which are decoded into model inputs with each error naming the image it came from.
 */
@ApplicationScoped
public class RequestImages {

    /** Name of the multipart parts that carry images. */
    public static final String IMAGE_PART = "image";

    private final ImagePreprocessor preprocessor;

    RequestImages(LimitsConfig limits) {
        this.preprocessor = new ImagePreprocessor(limits.maxPixels());
    }

    /** One encoded image per multipart file part, read lazily from its upload file. */
    public static List<EncodedImage> fromParts(List<FileUpload> parts) {
        List<EncodedImage> images = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            FileUpload part = parts.get(i);
            images.add(new EncodedImage("image " + i + " (\"" + part.fileName() + "\")",
                    () -> Files.readAllBytes(part.uploadedFile())));
        }
        return images;
    }

    /** One encoded image per base64 string of a JSON request, named {@code images[i]} in messages. */
    public static List<EncodedImage> fromBase64(List<String> texts) {
        List<EncodedImage> images = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String origin = "images[" + i + "]";
            images.add(new EncodedImage(origin, () -> Base64Images.decode(origin, text)));
        }
        return images;
    }

    /** Decodes every image into {@code model}'s input layout; blocking, so call it off the event loop. */
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
                throw new ImageDecodingException(image.origin() + ": expected readable bytes, found: " + e, e);
            }
        }
        return tensors;
    }
}
