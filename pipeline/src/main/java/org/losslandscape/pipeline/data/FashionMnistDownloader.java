package org.losslandscape.pipeline.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.pipeline.io.AtomicFiles;

/**
 * Downloads the four gzip-compressed Fashion-MNIST files from the data set's mirror and publishes
 * each one only after its checksum matched.
 *
 * <p>Each file is streamed into a hidden temporary file in the target folder, verified, and then
 * renamed into place atomically, so an interrupted or corrupt download never looks like data. The
 * official mirror serves plain HTTP; the checksums are what makes the content trustworthy.
 */
public final class FashionMnistDownloader {

  private static final Logger LOG = LogManager.getLogger();

  /**
   * The mirror the data set's README links every file to (github.com/zalandoresearch/fashion-mnist,
   * README.md, section "Get the Data").
   */
  public static final URI OFFICIAL_MIRROR =
      URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

  /**
   * Checksums that each identify a correct copy of the four files, keyed by the {@code .gz} name.
   *
   * <p>The MD5 values are those of the official {@code .gz} files, as listed in the "MD5 Checksum"
   * column of the table in section "Get the Data" of README.md in
   * github.com/zalandoresearch/fashion-mnist. The SHA-256 values are of the <em>decompressed</em>
   * IDX content and were computed here with {@code zcat FILE | sha256sum} over the files of the
   * Debian package {@code dataset-fashion-mnist} 0.0~git20200523.55506a9-1. Both are accepted
   * because the Debian files are re-compressed: their gzip bytes, and so their MD5, differ from the
   * official ones although the data inside is identical. Checking the content hash as well means a
   * mirror that re-compresses (as Debian did) still verifies, while a damaged or different file
   * matches neither.
   */
  public static final Map<String, ExpectedChecksum> OFFICIAL_CHECKSUMS =
      Map.of(
          FashionMnistFiles.TRAIN_IMAGES + ".gz",
          new ExpectedChecksum(
              "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
              "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
          FashionMnistFiles.TRAIN_LABELS + ".gz",
          new ExpectedChecksum(
              "25c81989df183df01b3e8a0aad5dffbe",
              "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
          FashionMnistFiles.TEST_IMAGES + ".gz",
          new ExpectedChecksum(
              "bef4ecab320f06d8554ea6380940ec79",
              "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
          FashionMnistFiles.TEST_LABELS + ".gz",
          new ExpectedChecksum(
              "bb300cfdad3c16e7a12a480ee83cd310",
              "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

  /** How long to wait for a TCP connection to the mirror before giving up. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  /** How long to wait for the response headers of each file once connected. */
  public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private static final int PROGRESS_STEP_PERCENT = 10;
  private static final int BUFFER_SIZE = 1 << 16;

  /**
   * Two ways to recognise a correct file; a download is accepted if either matches.
   *
   * @param gzipMd5 lower-case hex MD5 of the {@code .gz} file as published
   * @param contentSha256 lower-case hex SHA-256 of the decompressed IDX content
   */
  public record ExpectedChecksum(String gzipMd5, String contentSha256) {

    /** Normalises both to lower case so that published upper-case hex also matches. */
    public ExpectedChecksum {
      gzipMd5 = gzipMd5.toLowerCase(Locale.ROOT);
      contentSha256 = contentSha256.toLowerCase(Locale.ROOT);
    }
  }

  private final HttpClient client;
  private final URI baseUrl;
  private final Map<String, ExpectedChecksum> checksums;
  private final Duration responseTimeout;

  /**
   * Creates a downloader.
   *
   * @param client the HTTP client; its connect timeout applies
   * @param baseUrl the folder URL the four {@code .gz} names are resolved against
   * @param checksums the expected checksums, one for each of the four {@code .gz} names
   * @param responseTimeout how long to wait for each response's headers
   */
  public FashionMnistDownloader(
      HttpClient client,
      URI baseUrl,
      Map<String, ExpectedChecksum> checksums,
      Duration responseTimeout) {
    for (String name : FashionMnistFiles.STANDARD_NAMES) {
      if (!checksums.containsKey(name + ".gz")) {
        throw new IllegalArgumentException("no expected checksum for " + name + ".gz");
      }
    }
    this.client = client;
    this.baseUrl = withTrailingSlash(baseUrl);
    this.checksums = Map.copyOf(checksums);
    this.responseTimeout = responseTimeout;
  }

  /** A downloader for the official mirror with the official checksums and default timeouts. */
  public static FashionMnistDownloader official() {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return new FashionMnistDownloader(
        client, OFFICIAL_MIRROR, OFFICIAL_CHECKSUMS, RESPONSE_TIMEOUT);
  }

  /** The folder URL the files are downloaded from. */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Downloads the four {@code .gz} files into {@code directory}, creating it if needed. Files that
   * were already published by an earlier call are replaced.
   *
   * @throws DataException with a one-line reason if any download fails or does not verify; files
   *     that verified before the failure stay in place, no temporary file is left behind
   */
  public void downloadInto(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new DataException(
          "Cannot create download folder " + directory + " (" + oneLine(e) + ").", e);
    }
    for (String name : FashionMnistFiles.STANDARD_NAMES) {
      download(name + ".gz", checksums.get(name + ".gz"), directory);
    }
  }

  private void download(String fileName, ExpectedChecksum expected, Path directory) {
    URI url = baseUrl.resolve(fileName);
    Path temp = null;
    try {
      temp = AtomicFiles.createTempSibling(directory.resolve(fileName));
      String gzipMd5 = fetch(url, temp);
      verify(url, temp, gzipMd5, expected);
      AtomicFiles.moveIntoPlace(temp, directory.resolve(fileName));
      LOG.info("Downloaded {} into {}", url, directory);
    } catch (IOException e) {
      throw new DataException("Download of " + url + " failed (" + oneLine(e) + ").", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataException("Download of " + url + " was interrupted.", e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Streams {@code url} into {@code temp}, logging progress, and returns the MD5 of the bytes. */
  private String fetch(URI url, Path temp) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(responseTimeout).GET().build();
    LOG.info("Downloading {}", url);
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    MessageDigest md5 = digest("MD5");
    try (InputStream body = new DigestInputStream(response.body(), md5);
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(channel)) {
      if (response.statusCode() != 200) {
        throw new DataException(
            "Download of "
                + url
                + " failed: the server answered HTTP "
                + response.statusCode()
                + ".");
      }
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      copyWithProgress(body, out, length, url);
      channel.force(true);
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  private static void copyWithProgress(InputStream in, OutputStream out, long length, URI url)
      throws IOException {
    byte[] buffer = new byte[BUFFER_SIZE];
    long copied = 0;
    int nextReport = PROGRESS_STEP_PERCENT;
    int read;
    while ((read = in.read(buffer)) >= 0) {
      out.write(buffer, 0, read);
      copied += read;
      if (length > 0) {
        int percent = (int) (100 * copied / length);
        if (percent >= nextReport) {
          LOG.info("{}: {}% of {} bytes", url, percent, length);
          nextReport = (percent / PROGRESS_STEP_PERCENT + 1) * PROGRESS_STEP_PERCENT;
        }
      }
    }
    if (length > 0 && copied != length) {
      throw new IOException("received " + copied + " of " + length + " bytes");
    }
  }

  private static void verify(URI url, Path temp, String gzipMd5, ExpectedChecksum expected)
      throws IOException {
    if (gzipMd5.equals(expected.gzipMd5())) {
      return;
    }
    String contentSha256 = decompressedSha256(temp);
    if (expected.contentSha256().equals(contentSha256)) {
      LOG.info("{} is a re-compressed copy; its decompressed content matches", url);
      return;
    }
    throw new DataException(
        "Download of "
            + url
            + " is corrupt or not the expected file: MD5 "
            + gzipMd5
            + " is not "
            + expected.gzipMd5()
            + " and the decompressed SHA-256 "
            + (contentSha256 == null ? "(not gzip)" : contentSha256)
            + " is not "
            + expected.contentSha256()
            + ".");
  }

  /** SHA-256 of the gzip content of {@code file}, or null if it is not gzip data. */
  private static String decompressedSha256(Path file) throws IOException {
    MessageDigest sha256 = digest("SHA-256");
    try (InputStream in =
        new DigestInputStream(
            new GZIPInputStream(Files.newInputStream(file), BUFFER_SIZE), sha256)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (ZipException | EOFException e) {
      return null;
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide MD5 and SHA-256.
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  private static URI withTrailingSlash(URI url) {
    // Without the slash, resolve() would replace the last path segment instead of appending.
    String text = url.toString();
    return text.endsWith("/") ? url : URI.create(text + "/");
  }

  private static String oneLine(IOException e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\R", " ");
    return e.getClass().getSimpleName() + message;
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.warn("Could not delete temporary download {}", temp);
    }
  }
}
