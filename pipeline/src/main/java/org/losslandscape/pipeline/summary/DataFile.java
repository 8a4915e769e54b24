package org.losslandscape.pipeline.summary;

/**
 * One data file as read from disk.
 *
 * @param name the file name, e.g. {@code train-images-idx3-ubyte.gz}
 * @param bytes its size
 * @param sha256 SHA-256 of its bytes as stored (compressed or not)
 */
public record DataFile(String name, long bytes, String sha256) {}
