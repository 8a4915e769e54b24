package org.losslandscape.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistLocatorTest {

  @TempDir Path root;

  private Path home() {
    return root.resolve("home");
  }

  private Path system() {
    return root.resolve("usr/share/datasets/fashion-mnist");
  }

  private Path cache() {
    return home().resolve(".cache/loss-landscape/fashion-mnist");
  }

  @Test
  void cacheFolderIsUnderTheHomeFolder() throws IOException {
    assertThat(locator(Map.of(), unreachable()).cacheDirectory()).isEqualTo(cache());
  }

  @Test
  void dataDirOptionWinsOverEverythingElse() throws IOException {
    Path given = TinyDataSets.write(root.resolve("given"), 20, 10, IdxWriter.Compression.GZIP);
    Path fromEnvironment =
        TinyDataSets.write(root.resolve("env"), 20, 10, IdxWriter.Compression.GZIP);
    TinyDataSets.write(system(), 20, 10, IdxWriter.Compression.GZIP);

    FashionMnistSource source =
        locator(Map.of("FASHION_MNIST_DIR", fromEnvironment.toString()), unreachable())
            .locate(Optional.of(given));

    assertThat(source)
        .isEqualTo(new FashionMnistSource(given, FashionMnistSource.Origin.DATA_DIR_OPTION));
  }

  @Test
  void invalidDataDirOptionIsAnErrorEvenIfOtherFoldersHaveTheData() throws IOException {
    Path given = TinyDataSets.write(root.resolve("given"), 20, 10, IdxWriter.Compression.GZIP);
    Files.delete(given.resolve(FashionMnistFiles.TEST_IMAGES + ".gz"));
    TinyDataSets.write(system(), 20, 10, IdxWriter.Compression.GZIP);

    assertThatThrownBy(() -> locator(Map.of(), unreachable()).locate(Optional.of(given)))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "--data-dir "
                + given
                + " does not hold an IDX data set: missing t10k-images-idx3-ubyte(.gz);"
                + " point --data-dir at a folder with the four files (named as Fashion-MNIST's).");
  }

  @Test
  void nonexistentDataDirOptionSaysSo() throws IOException {
    Path given = root.resolve("typo");

    assertThatThrownBy(() -> locator(Map.of(), unreachable()).locate(Optional.of(given)))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "--data-dir "
                + given
                + " does not exist or is not a folder;"
                + " point --data-dir at a folder with the four IDX files (named as"
                + " Fashion-MNIST's).");
  }

  @Test
  void emptyDataDirOptionListsAllFourFiles() throws IOException {
    Path given = Files.createDirectories(root.resolve("empty"));

    assertThatThrownBy(() -> locator(Map.of(), unreachable()).locate(Optional.of(given)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(
            "missing train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz),"
                + " t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)");
  }

  @Test
  void environmentVariableComesBeforeCacheAndSystem() throws IOException {
    Path fromEnvironment =
        TinyDataSets.write(root.resolve("env"), 20, 10, IdxWriter.Compression.NONE);
    TinyDataSets.write(cache(), 20, 10, IdxWriter.Compression.GZIP);
    TinyDataSets.write(system(), 20, 10, IdxWriter.Compression.GZIP);

    FashionMnistSource source =
        locator(Map.of("FASHION_MNIST_DIR", fromEnvironment.toString()), unreachable())
            .locate(Optional.empty());

    assertThat(source)
        .isEqualTo(new FashionMnistSource(fromEnvironment, FashionMnistSource.Origin.ENVIRONMENT));
  }

  @Test
  void unusableEnvironmentFolderFallsThroughToTheCache() throws IOException {
    TinyDataSets.write(cache(), 20, 10, IdxWriter.Compression.GZIP);
    TinyDataSets.write(system(), 20, 10, IdxWriter.Compression.GZIP);
    Map<String, String> environment = Map.of("FASHION_MNIST_DIR", root.resolve("empty").toString());

    FashionMnistSource source = locator(environment, unreachable()).locate(Optional.empty());

    assertThat(source)
        .isEqualTo(new FashionMnistSource(cache(), FashionMnistSource.Origin.USER_CACHE));
  }

  @Test
  void systemPackageFolderIsUsedWhenNothingElseHasTheData() throws IOException {
    TinyDataSets.write(system(), 20, 10, IdxWriter.Compression.GZIP);
    // Half a cache (an interrupted earlier download) does not count.
    TinyDataSets.write(cache(), 20, 10, IdxWriter.Compression.GZIP);
    Files.delete(cache().resolve(FashionMnistFiles.TRAIN_IMAGES + ".gz"));

    ImageDataSet data =
        locator(Map.of("FASHION_MNIST_DIR", " "), unreachable()).load(Optional.empty());

    assertThat(data.source())
        .isEqualTo(
            new FashionMnistSource(system(), FashionMnistSource.Origin.SYSTEM_PACKAGE).describe());
    assertThat(data.train().count()).isEqualTo(20);
  }

  @Test
  void downloadsIntoTheCacheWhenNoFolderHasTheData() throws IOException {
    Path served = TinyDataSets.write(root.resolve("served"), 30, 10, IdxWriter.Compression.GZIP);
    try (LocalMirror mirror = new LocalMirror()) {
      Map<String, FashionMnistDownloader.ExpectedChecksum> checksums = new HashMap<>();
      for (String name : FashionMnistFiles.STANDARD_NAMES) {
        byte[] gzipped = Files.readAllBytes(served.resolve(name + ".gz"));
        mirror.serve("data/" + name + ".gz", gzipped);
        checksums.put(
            name + ".gz",
            new FashionMnistDownloader.ExpectedChecksum(
                LocalMirror.hex("MD5", gzipped), "0".repeat(64)));
      }

      ImageDataSet data =
          locator(Map.of(), downloader(mirror.baseUrl(), checksums)).load(Optional.empty());

      assertThat(data.source())
          .isEqualTo(
              new FashionMnistSource(cache(), FashionMnistSource.Origin.DOWNLOADED).describe());
      assertThat(data.source()).endsWith("(downloaded)");
      assertThat(data.train().count()).isEqualTo(30);
    }
  }

  @Test
  void offlineWithoutDataGivesOneLineListingTriedFoldersAndFixes() throws IOException {
    Path fromEnvironment = root.resolve("env");

    assertThatThrownBy(
            () ->
                locator(Map.of("FASHION_MNIST_DIR", fromEnvironment.toString()), unreachable())
                    .locate(Optional.empty()))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(
            "Fashion-MNIST not found (tried "
                + fromEnvironment
                + ", "
                + cache()
                + ", "
                + system()
                + ") and the download failed: Download of http://127.0.0.1:")
        .hasMessageEndingWith(
            " Fix: apt-get install dataset-fashion-mnist, or pass --data-dir DIR, or set"
                + " FASHION_MNIST_DIR=DIR.")
        .hasMessageNotContaining("\n");
  }

  private FashionMnistLocator locator(
      Map<String, String> environment, FashionMnistDownloader downloader) {
    return new FashionMnistLocator(environment, home(), system(), downloader);
  }

  /** A downloader pointed at a port nobody listens on, as when the machine is offline. */
  private static FashionMnistDownloader unreachable() throws IOException {
    Map<String, FashionMnistDownloader.ExpectedChecksum> checksums = new HashMap<>();
    for (String name : FashionMnistFiles.STANDARD_NAMES) {
      checksums.put(
          name + ".gz",
          new FashionMnistDownloader.ExpectedChecksum("0".repeat(32), "0".repeat(64)));
    }
    return downloader(
        URI.create("http://127.0.0.1:" + FashionMnistDownloaderTest.freePort() + "/"), checksums);
  }

  private static FashionMnistDownloader downloader(
      URI baseUrl, Map<String, FashionMnistDownloader.ExpectedChecksum> checksums) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return new FashionMnistDownloader(client, baseUrl, checksums, Duration.ofSeconds(10));
  }
}
