package org.losslandscape.pipeline.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.imageio.ImageIO;

/** Encodes images as PNG bytes, so callers can write them to a file atomically. */
public final class PngEncoding {

  private PngEncoding() {}

  /** The PNG encoding of {@code image}. */
  public static byte[] toBytes(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    Headless.ensure();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IllegalStateException("no PNG writer available in this JDK");
      }
    } catch (IOException e) {
      // Writing to memory cannot fail for I/O reasons; an exception here is a codec fault.
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return bytes.toByteArray();
  }
}
