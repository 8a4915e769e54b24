package org.losslandscape.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistDownloaderTest {

  @TempDir Path cache;

  private LocalMirror mirror;

  /** The raw IDX content of each .gz file the mirror serves. */
  private final Map<String, byte[]> contents = new HashMap<>();

  private final Map<String, FashionMnistDownloader.ExpectedChecksum> checksums = new HashMap<>();

  @BeforeEach
  void startMirror() throws IOException {
    mirror = new LocalMirror();
    contents.put(
        FashionMnistFiles.TRAIN_IMAGES + ".gz", IdxWriter.encodeImages(TinyDataSets.images(40, 1)));
    contents.put(
        FashionMnistFiles.TRAIN_LABELS + ".gz", IdxWriter.encodeLabels(TinyDataSets.labels(40)));
    contents.put(
        FashionMnistFiles.TEST_IMAGES + ".gz", IdxWriter.encodeImages(TinyDataSets.images(10, 2)));
    contents.put(
        FashionMnistFiles.TEST_LABELS + ".gz", IdxWriter.encodeLabels(TinyDataSets.labels(10)));
    contents.forEach(
        (name, content) -> {
          byte[] gzipped = IdxWriter.compress(content, IdxWriter.Compression.GZIP);
          mirror.serve("data/" + name, gzipped);
          checksums.put(
              name,
              new FashionMnistDownloader.ExpectedChecksum(
                  LocalMirror.hex("MD5", gzipped), LocalMirror.hex("SHA-256", content)));
        });
  }

  @AfterEach
  void stopMirror() {
    mirror.close();
  }

  @Test
  void downloadsAllFourFilesSoTheyLoad() throws IOException {
    downloader(mirror.baseUrl()).downloadInto(cache.resolve("new/folder"));

    Path folder = cache.resolve("new/folder");
    assertThat(listing(folder))
        .containsExactly(
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
    ImageDataSet data = IdxDataSet.load(folder, "downloaded");
    assertThat(TinyDataSets.levels(data.train())).isEqualTo(TinyDataSets.images(40, 1).pixels());
    assertThat(data.test().count()).isEqualTo(10);
  }

  @Test
  void acceptsARecompressedCopyByItsDecompressedContent() throws IOException {
    // Like the Debian package: same IDX bytes, different gzip bytes, so only the content hash
    // matches.
    String name = FashionMnistFiles.TRAIN_LABELS + ".gz";
    byte[] recompressed = gzipWithLevel(contents.get(name), Deflater.NO_COMPRESSION);
    assertThat(LocalMirror.hex("MD5", recompressed)).isNotEqualTo(checksums.get(name).gzipMd5());
    mirror.serve("data/" + name, recompressed);

    downloader(mirror.baseUrl()).downloadInto(cache);

    assertThat(cache.resolve(name)).hasBinaryContent(recompressed);
  }

  @Test
  void wrongChecksumIsAnErrorAndLeavesNoFileBehind() throws IOException {
    String name = FashionMnistFiles.TRAIN_IMAGES + ".gz";
    checksums.put(
        name, new FashionMnistDownloader.ExpectedChecksum("00".repeat(16), "00".repeat(32)));

    assertThatThrownBy(() -> downloader(mirror.baseUrl()).downloadInto(cache))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(
            "Download of "
                + mirror.baseUrl()
                + "/"
                + name
                + " is corrupt or not the expected file: MD5 ")
        .hasMessageNotContaining("\n");

    assertThat(listing(cache)).isEmpty();
  }

  @Test
  void nonGzipBodyFailsVerification() throws IOException {
    String name = FashionMnistFiles.TEST_LABELS + ".gz";
    mirror.serve(
        "data/" + name, "<html>moved</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThatThrownBy(() -> downloader(mirror.baseUrl()).downloadInto(cache))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("decompressed SHA-256 (not gzip)");

    assertThat(listing(cache)).doesNotContain(name).noneMatch(file -> file.contains("tmp"));
  }

  @Test
  void missingFileOnTheServerIsAnErrorNamingTheStatus() throws IOException {
    URI elsewhere = URI.create(mirror.baseUrl() + "/nothing-here/");

    assertThatThrownBy(() -> downloader(elsewhere).downloadInto(cache))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "Download of "
                + elsewhere
                + FashionMnistFiles.TRAIN_IMAGES
                + ".gz failed: the server answered HTTP 404.");

    assertThat(listing(cache)).isEmpty();
  }

  @Test
  void unreachableServerIsAnError() throws IOException {
    URI closedPort = URI.create("http://127.0.0.1:" + freePort() + "/");

    assertThatThrownBy(() -> downloader(closedPort).downloadInto(cache))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(
            "Download of " + closedPort + FashionMnistFiles.TRAIN_IMAGES + ".gz failed (")
        .hasMessageContaining("ConnectException");

    assertThat(listing(cache)).isEmpty();
  }

  @Test
  void officialChecksumsCoverTheFourFilesAndMatchTheReadme() {
    assertThat(FashionMnistDownloader.OFFICIAL_CHECKSUMS).hasSize(4);
    assertThat(
            FashionMnistDownloader.OFFICIAL_CHECKSUMS.get("train-images-idx3-ubyte.gz").gzipMd5())
        .isEqualTo("8d4fb7e6c68d591d4c3dfef9ec88bf0d");
    assertThat(FashionMnistDownloader.official().baseUrl())
        .isEqualTo(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"));
  }

  @Test
  void everyFileNeedsAnExpectedChecksum() {
    checksums.remove(FashionMnistFiles.TEST_IMAGES + ".gz");

    assertThatThrownBy(() -> downloader(mirror.baseUrl()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t10k-images-idx3-ubyte.gz");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private FashionMnistDownloader downloader(URI baseUrl) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return new FashionMnistDownloader(client, baseUrl, checksums, Duration.ofSeconds(10));
  }

  private static byte[] gzipWithLevel(byte[] content, int level) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(bytes) {
          {
            def.setLevel(level);
          }
        }) {
      gzip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<String> listing(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
