/**
 * The typed contents of {@code summary.json}: one record per JSON object, serialized by Jackson
 * with snake_case names. The published JSON Schema is {@code results/summary.schema.json} (its
 * {@code measures} definition generated from the registry of measures); every summary the tests
 * write, and every committed reference summary of the current format, is validated against it. A
 * number that is not finite is written as JSON {@code null} with a machine-readable {@code
 * <name>_reason} next to it (see {@code results.Json}).
 */
package org.losslandscape.pipeline.summary;
