package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncodingTest {

  @Test
  void encodesLosslessPng() throws IOException {
    BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 7; x++) {
        image.setRGB(x, y, ColorMap.viridis().rgbAt((x * 5 + y) / 34.0));
      }
    }
    byte[] bytes = PngEncoding.toBytes(image);
    assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(decoded.getWidth()).isEqualTo(7);
    assertThat(decoded.getHeight()).isEqualTo(5);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 7; x++) {
        assertThat(decoded.getRGB(x, y)).isEqualTo(image.getRGB(x, y));
      }
    }
  }
}
