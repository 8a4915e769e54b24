package org.losslandscape.pipeline.imports.pgdl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.io.FuzzInputs;

/**
 * Fuzzes the readers of a PGDL task's JSON files, {@code model_configs.json} and a model's {@code
 * config.json}: any content gives well-formed records or a one-line {@link DataException} naming
 * the file, never another exception.
 */
class PgdlModelConfigsFuzzTest {

  @TempDir Path folder;

  @FuzzTest
  void read(byte[] content) throws Exception {
    Path path = write("model_configs.json", content);
    FuzzInputs.withinAllocationBudget(
        FuzzInputs.ALLOCATION_BUDGET_BYTES,
        () -> {
          try {
            List<PgdlModelSpec> models = PgdlModelConfigs.read(path);
            assertThat(models).isNotEmpty();
            assertThat(models).extracting(PgdlModelSpec::id).doesNotHaveDuplicates();
            for (PgdlModelSpec model : models) {
              assertThat(model.id()).contains("model");
              assertThat(model.generalizationGap()).isFinite();
              for (PgdlHyperparameter h : model.hyperparameters()) {
                assertThat(h.possibleValues()).contains(h.value());
              }
            }
          } catch (DataException e) {
            FuzzInputs.assertOneLineNaming(e, path.toString());
          }
        });
  }

  @FuzzTest
  void config(byte[] content) throws Exception {
    Path path = write("config.json", content);
    FuzzInputs.withinAllocationBudget(
        FuzzInputs.ALLOCATION_BUDGET_BYTES,
        () -> {
          try {
            PgdlModelConfig config = PgdlModelConfig.read(path);
            assertThat(config.layers()).isNotEmpty().allMatch(l -> !l.className().isBlank());
            assertThat(config.inputShape().size()).isPositive();
          } catch (DataException e) {
            FuzzInputs.assertOneLineNaming(e, path.toString());
          }
        });
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(folder.resolve(name), content);
  }
}
