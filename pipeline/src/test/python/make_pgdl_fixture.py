#!/usr/bin/env python3
"""Builds a tiny PGDL task (NeurIPS 2020 "Predicting Generalization in Deep Learning") for the tests.

Run from anywhere with the project's TensorFlow venv (tensorflow-cpu 2.21, keras 3.15, h5py):

    /work/venv-tf/bin/python pipeline/src/test/python/make_pgdl_fixture.py

The build never runs this script; it only reads what the script wrote, under
pipeline/src/test/resources/org/losslandscape/pipeline/imports/pgdl/:

  public_data/input_data/task_tiny/
      dataset_1/train/shard_0.tfrecord, shard_1.tfrecord   96 + 96 training examples
      dataset_1/test/shard_0.tfrecord                       64 test examples
      model_<id>/config.json          the PGDL model definition: {"model_config": [{"layer_name":
                                      <tf.keras.layers class>, <its keyword arguments>}, ...],
                                      "input_shape": [28, 28, 1]}
      model_<id>/weights.hdf5         trained weights, Keras' legacy HDF5 weights layout
      model_<id>/weights_init.hdf5    the same model's weights before training
  public_data/reference_data/task_tiny/model_configs.json
      {"<id>": {"hparams": {<name>: {"current_value": v, "possible_values": [...]}},
                "metrics": {"train_acc", "test_acc", "train_loss", "test_loss"}}}
  expected.json       what the Java tests compare against (written by this script, from the
                      same numbers it put into the task)
  tfrecord/varied.tfrecord + varied.json
                      records of lengths 0, 1, 5, 300 and 3000 written by tf.io.TFRecordWriter, and
                      their bytes (base64), for the TFRecord reader's own test
  TfRecordReaderFuzzTestInputs/, PgdlModelConfigsFuzzTestInputs/ (model_configs.json, config.json)
                      seed corpora of the Jazzer fuzz tests

The layout follows the competition's public starting kit (its ingestion program's DataManager
and scoring program): the data shards are TFRecord files of tf.train.Example with two bytes
features, "inputs" = tf.io.serialize_tensor(float32 image of shape input_shape) and "output" =
tf.io.serialize_tensor(int32 scalar label); the reference file keys models by bare id (the scorer
prefixes "model_" when missing). Two details are inferred, not seen in real files: the shard
numbering (shard_0, shard_1) and the storage of convwidth's current value as a float (the scorer
casts it with int() before looking it up among the integer possible values).

Weights are written with Keras 3's legacy HDF5 writer (keras.src.legacy.saving.legacy_h5_format),
the layout of `model.save_weights("weights.hdf5")` in the TF 2.x Keras that PGDL used: root
attributes layer_names, backend, keras_version; one group per layer with attribute weight_names.
Keras 3 names the weights "<model>/<layer>/kernel" where TF 2.x wrote "<layer>/kernel:0", so a
reader must follow weight_names (in order), not expect a fixed name.

The data are the first 192 training and first 64 test images of the committed Fashion-MNIST subset
(pipeline/src/test/resources/fashion-mnist-subset), pixels / 255 as float32, shape 28x28x1. Each
of the 6 models (convwidth 4 or 8 x learning rate 0.01, 0.05 or 0.2, dropout 0.25 fixed and so
omitted, as PGDL omits fixed hyperparameters) is trained for 30 epochs of plain SGD with momentum
on the 192 training images; train_acc is measured on them and test_acc on all 1000 test images of
the subset (the test shard holds only 64 of them, to keep the fixture small).
"""

import base64
import gzip
import json
import os
import pathlib
import shutil
import struct

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras.src.legacy.saving import legacy_h5_format  # noqa: E402

TEST_ROOT = pathlib.Path(__file__).resolve().parents[1]
SUBSET = TEST_ROOT / "resources/fashion-mnist-subset"
OUT = TEST_ROOT / "resources/org/losslandscape/pipeline/imports/pgdl"
TASK = "task_tiny"
INPUT_DIR = OUT / "public_data/input_data" / TASK
REFERENCE_DIR = OUT / "public_data/reference_data" / TASK

TRAIN_SHARDS = [96, 96]
TEST_SHARDS = [64]
CLASSES = 10
INPUT_SHAPE = [28, 28, 1]
WIDTHS = [4, 8]
LEARNING_RATES = [0.01, 0.05, 0.2]
DROPOUT = 0.25
EPOCHS = 30
BATCH = 32

# Mirrors FuzzInputs.SEPARATOR in the Java tests.
SEPARATOR = b"\n--next-file--\n"


def read_idx(path, magic):
    data = gzip.open(path).read()
    found, count = struct.unpack(">II", data[:8])
    assert found == magic, path
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(count, rows, cols)
    return np.frombuffer(data, np.uint8, offset=8)


def load_subset(split, count):
    images = read_idx(SUBSET / f"{split}-images-idx3-ubyte.gz", 0x803)[:count]
    labels = read_idx(SUBSET / f"{split}-labels-idx1-ubyte.gz", 0x801)[:count]
    return (images.astype(np.float32) / np.float32(255.0))[..., np.newaxis], labels.astype(np.int32)


def serialized_example(image, label):
    """One record the way PGDL's data manager parses it back (parse_tensor of two bytes features)."""
    inputs = tf.io.serialize_tensor(tf.constant(image, tf.float32)).numpy()
    output = tf.io.serialize_tensor(tf.constant(label, tf.int32)).numpy()
    feature = {
        "inputs": tf.train.Feature(bytes_list=tf.train.BytesList(value=[inputs])),
        "output": tf.train.Feature(bytes_list=tf.train.BytesList(value=[output])),
    }
    return tf.train.Example(features=tf.train.Features(feature=feature)).SerializeToString()


def write_shards(folder, images, labels, sizes):
    folder.mkdir(parents=True, exist_ok=True)
    start = 0
    for index, size in enumerate(sizes):
        with tf.io.TFRecordWriter(str(folder / f"shard_{index}.tfrecord")) as writer:
            for i in range(start, start + size):
                writer.write(serialized_example(images[i], int(labels[i])))
        start += size
    assert start <= len(labels)


def read_back(folder):
    """Reads shards as the competition's DataManager does, to check what was written."""
    paths = sorted(str(p) for p in folder.glob("shard_*.tfrecord"))
    spec = {"inputs": tf.io.FixedLenFeature([], tf.string),
            "output": tf.io.FixedLenFeature([], tf.string)}
    xs, ys = [], []
    for record in tf.data.TFRecordDataset(paths):
        parsed = tf.io.parse_single_example(record, spec)
        xs.append(tf.io.parse_tensor(parsed["inputs"], out_type=tf.float32).numpy())
        ys.append(tf.io.parse_tensor(parsed["output"], out_type=tf.int32).numpy())
    return np.stack(xs), np.array(ys)


def model_definition(width):
    """The PGDL config.json content: tf.keras.layers class names and their keyword arguments."""
    return {
        "model_config": [
            {"layer_name": "Conv2D", "filters": width, "kernel_size": [3, 3], "strides": [2, 2],
             "padding": "valid", "activation": "relu"},
            {"layer_name": "MaxPooling2D", "pool_size": [2, 2]},
            {"layer_name": "Flatten"},
            {"layer_name": "Dropout", "rate": DROPOUT},
            {"layer_name": "Dense", "units": CLASSES},
        ],
        "input_shape": INPUT_SHAPE,
    }


def build(definition):
    """A Sequential model from a PGDL definition, each layer built from its class name."""
    layers = []
    for layer in definition["model_config"]:
        arguments = {k: v for k, v in layer.items() if k != "layer_name"}
        layers.append(getattr(keras.layers, layer["layer_name"])(**arguments))
    model = keras.Sequential(layers)
    model.build([None] + definition["input_shape"])
    return model


def save_legacy_weights(model, path):
    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)


def accuracy_and_loss(model, images, labels):
    logits = model.predict(images, batch_size=256, verbose=0)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)
    return float(np.mean(np.argmax(logits, axis=-1) == labels)), float(loss)


def write_task():
    for folder in (OUT / "public_data", OUT / "tfrecord", OUT / "TfRecordReaderFuzzTestInputs",
                   OUT / "PgdlModelConfigsFuzzTestInputs"):
        shutil.rmtree(folder, ignore_errors=True)

    train_x, train_y = load_subset("train", sum(TRAIN_SHARDS))
    test_x, test_y = load_subset("t10k", 1000)
    write_shards(INPUT_DIR / "dataset_1/train", train_x, train_y, TRAIN_SHARDS)
    write_shards(INPUT_DIR / "dataset_1/test", test_x, test_y, TEST_SHARDS)
    back_x, back_y = read_back(INPUT_DIR / "dataset_1/train")
    assert np.array_equal(back_x, train_x) and np.array_equal(back_y, train_y)

    specs, expected_models = {}, []
    model_id = 0
    for width in WIDTHS:
        for learning_rate in LEARNING_RATES:
            model_id += 1
            keras.utils.set_random_seed(1000 + model_id)
            definition = model_definition(width)
            model = build(definition)
            folder = INPUT_DIR / f"model_{model_id}"
            folder.mkdir(parents=True)
            (folder / "config.json").write_text(json.dumps(definition, indent=2) + "\n")
            save_legacy_weights(model, folder / "weights_init.hdf5")
            model.compile(
                optimizer=keras.optimizers.SGD(learning_rate=learning_rate, momentum=0.9),
                loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
            model.fit(train_x, train_y, batch_size=BATCH, epochs=EPOCHS, shuffle=True, verbose=0)
            save_legacy_weights(model, folder / "weights.hdf5")
            train_acc, train_loss = accuracy_and_loss(model, train_x, train_y)
            test_acc, test_loss = accuracy_and_loss(model, test_x, test_y)
            specs[str(model_id)] = {
                "hparams": {
                    "convwidth": {"current_value": float(width), "possible_values": WIDTHS},
                    "learning_rate": {"current_value": learning_rate,
                                      "possible_values": LEARNING_RATES},
                },
                "metrics": {"train_acc": train_acc, "test_acc": test_acc,
                            "train_loss": train_loss, "test_loss": test_loss},
            }
            expected_models.append({
                "id": f"model_{model_id}", "convwidth": width, "learning_rate": learning_rate,
                "train_acc": train_acc, "test_acc": test_acc, "gen_gap": train_acc - test_acc,
            })
            print(f"model_{model_id}: width {width} lr {learning_rate} "
                  f"train {train_acc:.3f} test {test_acc:.3f} gap {train_acc - test_acc:+.3f}")

    REFERENCE_DIR.mkdir(parents=True)
    (REFERENCE_DIR / "model_configs.json").write_text(json.dumps(specs, indent=2) + "\n")
    expected = {
        "task": TASK,
        "input_shape": INPUT_SHAPE,
        "classes": CLASSES,
        "train": {"source": "train", "first": 0, "count": sum(TRAIN_SHARDS),
                  "shards": TRAIN_SHARDS},
        "test": {"source": "t10k", "first": 0, "count": sum(TEST_SHARDS), "shards": TEST_SHARDS},
        "models": expected_models,
    }
    (OUT / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")


def write_varied_records():
    folder = OUT / "tfrecord"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(19)
    records = [b"", b"\x00", b"hello"] + [rng.bytes(n) for n in (300, 3000)]
    with tf.io.TFRecordWriter(str(folder / "varied.tfrecord")) as writer:
        for record in records:
            writer.write(record)
    (folder / "varied.json").write_text(json.dumps(
        {"records": [base64.b64encode(r).decode() for r in records]}, indent=2) + "\n")
    return records


def tfrecord_bytes(records):
    path = OUT / "scratch.tfrecord"
    with tf.io.TFRecordWriter(str(path)) as writer:
        for record in records:
            writer.write(record)
    content = path.read_bytes()
    path.unlink()
    return content


def seeds(folder, named):
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in named.items():
        (folder / name).write_bytes(content)


def write_fuzz_seeds(varied):
    tiny_image = np.arange(4, dtype=np.float32).reshape(2, 2, 1) / 4
    one_example = tfrecord_bytes([serialized_example(tiny_image, 3)])
    seeds(OUT / "TfRecordReaderFuzzTestInputs/records", {
        "empty": b"",
        "varied-short": tfrecord_bytes(varied[:4]),
        "one-example": one_example,
        "truncated": one_example[:-3],
        "bad-length-crc": one_example[:8] + bytes([one_example[8] ^ 1]) + one_example[9:],
    })
    # The examples target frames its input itself (records joined by SEPARATOR), so that mutations
    # reach the Example decoding instead of stopping at a checksum.
    seeds(OUT / "TfRecordReaderFuzzTestInputs/examples", {
        "one-example": serialized_example(tiny_image, 3),
        "two-examples": SEPARATOR.join([serialized_example(tiny_image, 1),
                                        serialized_example(tiny_image * 2, 0)]),
        "flat-and-square": SEPARATOR.join([serialized_example(tiny_image.reshape(4), 1),
                                           serialized_example(tiny_image.reshape(2, 2), 0)]),
        "not-an-example": b"\x0a\x03abc",
    })
    reference = (REFERENCE_DIR / "model_configs.json").read_bytes()
    one = {"7": {"hparams": {"depth": {"current_value": 3, "possible_values": [3, 6]},
                             "optimizer": {"current_value": "sgd", "possible_values": ["sgd"]}},
                 "metrics": {"train_acc": 1.0, "test_acc": 0.5}}}
    seeds(OUT / "PgdlModelConfigsFuzzTestInputs/read", {
        "fixture": reference,
        "one-model": json.dumps(one).encode(),
        "no-metrics": b'{"1": {"hparams": {}}}',
        "not-an-object": b"[1, 2]",
    })
    config = (INPUT_DIR / "model_1/config.json").read_bytes()
    seeds(OUT / "PgdlModelConfigsFuzzTestInputs/config", {
        "fixture": config,
        "flat": json.dumps({"model_config": [{"layer_name": "Dense", "units": 10}],
                            "input_shape": [784]}).encode(),
        "no-input-shape": b'{"model_config": [{"layer_name": "Flatten"}]}',
    })


def main():
    write_task()
    varied = write_varied_records()
    write_fuzz_seeds(varied)
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"fixture: {total} bytes under {OUT}")


if __name__ == "__main__":
    main()
