#!/usr/bin/env python3
"""Writes the committed Keras fixtures of the Keras model reader (TensorFlow 2.21, Keras 3.15).

Run from anywhere with the project's TensorFlow venv:

    TF_ENABLE_ONEDNN_OPTS=0 /work/venv-tf/bin/python pipeline/src/test/python/make_keras_fixtures.py

(any Python with tensorflow-cpu, keras 3, h5py and numpy will do); `--only NAME` writes one model;
`--seeds-only` rewrites only
the fuzz seeds from the committed archives, without training. The build never runs this
script, it only reads what it wrote. Seeds are fixed, but TensorFlow's kernels are not bit for bit
reproducible across versions and machines, so a re-run may write slightly different weights: the
files and their expected values are always written together and stay consistent with each other.

Each model is trained briefly (Adam, a few hundred steps of 64 on the committed 3000-image
Fashion-MNIST subset, so batch norm's moving statistics are far from their initial 0 and 1), then
saved as a Keras 3 archive and as a legacy HDF5 file:

  resources/org/losslandscape/pipeline/imports/keras/
      samples.npy.gz   float32 [256, 28, 28, 1]: the first 256 test images as the models see them
                       (pixel / 255, in float32), gzip-compressed without a timestamp
      labels.npy       int32 [256]: their labels
      <model>/model.keras   the Keras 3 archive (config.json, metadata.json, model.weights.h5)
      <model>/model.h5      the legacy HDF5 file (root attribute model_config, group model_weights)
      <model>/logits.npy    float32 [256, 10]: Keras' logits of the samples, in inference mode
                            (batch norm on its moving statistics, no dropout)
      <model>/expected.json
          loss              Keras' mean sparse softmax cross-entropy from those logits
          predictions       each sample's predicted class (argmax of the logits)
          min_top2_margin   the smallest gap between a sample's two largest logits: how far the
                            predictions are from a tie that rounding could flip
          notes             how the logits were taken

Only cnn_bn is saved with its optimizer state (Adam's moments, which the reader must skip); the
other two are copied into a fresh uncompiled model first, which keeps the files small.

  resources/org/losslandscape/pipeline/imports/KerasConfigFuzzTestInputs/config/
      seeds of the config fuzz test: each model's config.json, and configs edited the ways real
      files differ (Keras 2 inbound nodes, an LSTM, a dilated or channels_first convolution, a
      Concatenate, a shared layer) or break (truncated JSON).

Models (they use every layer the reader supports):
  cnn_bn    Sequential: Conv2D 3x3 same, BatchNormalization, Activation(relu), MaxPooling2D,
            Conv2D 3x3 stride 2 valid, BatchNormalization (epsilon 1e-5, momentum 0.9), ReLU,
            GlobalAveragePooling2D, Dense(10).
  resnet    Functional: stem Conv2D 3x3 stride 2 same (asymmetric SAME padding), BN, ReLU,
            MaxPooling2D 3 stride 2 same; a residual block with an identity shortcut (Add), one with
            a 1x1 stride-2 Conv2D + BN projection shortcut, ReLU after each Add; GAP, Dense(10).
  padded    Sequential: ZeroPadding2D in its three spellings (1; ((0, 1), (1, 0)); (1, 2)) before a
            stride-2 valid Conv2D, a MaxPooling2D and a valid Conv2D with a fused relu; Flatten,
            Dense(10). Written with `--only padded` (added after the others).
  mlp       Sequential: AveragePooling2D 3 stride 3 same (28 -> 10: windows over the padded border on
            both sides), Flatten,
            Dense(32, relu) (a fused activation), Dropout(0.25), Dense(10), Activation(softmax).
            The model ends in a softmax: its logits are the output of the last Dense layer, which
            is what the reader keeps when it drops a final softmax.
"""

import copy
import gzip
import io
import json
import os
import pathlib
import random
import re
import sys
import zipfile

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from fixture_images import read_idx, unit_pixels  # noqa: E402

TEST_RESOURCES = pathlib.Path(__file__).resolve().parents[1] / "resources"
DATA = TEST_RESOURCES / "fashion-mnist-subset"
OUT = TEST_RESOURCES / "org/losslandscape/pipeline/imports/keras"
FUZZ_SEEDS = TEST_RESOURCES / "org/losslandscape/pipeline/imports/KerasConfigFuzzTestInputs/config"

SAMPLES = 256
STEPS = 300
BATCH = 64
SEED = 20261207


def as_input(images):
    """What the models are fed: [n, 28, 28, 1] float32, pixel / 255 rounded once in float32."""
    return unit_pixels(images)[..., np.newaxis]


def cnn_bn():
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(8, 3, padding="same", name="conv_a"),
            layers.BatchNormalization(name="bn_a"),
            layers.Activation("relu", name="relu_a"),
            layers.MaxPooling2D(2, name="pool_a"),
            layers.Conv2D(16, 3, strides=2, padding="valid", name="conv_b"),
            layers.BatchNormalization(epsilon=1e-5, momentum=0.9, name="bn_b"),
            layers.ReLU(name="relu_b"),
            layers.GlobalAveragePooling2D(name="gap"),
            layers.Dense(10, name="logits"),
        ],
        name="cnn_bn",
    )


def resnet():
    inputs = keras.Input(shape=(28, 28, 1), name="image")
    x = layers.Conv2D(8, 3, strides=2, padding="same", use_bias=False, name="stem_conv")(inputs)
    x = layers.BatchNormalization(name="stem_bn")(x)
    x = layers.ReLU(name="stem_relu")(x)
    x = layers.MaxPooling2D(3, strides=2, padding="same", name="stem_pool")(x)
    # Block 1: identity shortcut, the shortcut is the first operand of Add.
    y = layers.Conv2D(8, 3, padding="same", name="b1_conv1")(x)
    y = layers.BatchNormalization(name="b1_bn1")(y)
    y = layers.ReLU(name="b1_relu1")(y)
    y = layers.Conv2D(8, 3, padding="same", name="b1_conv2")(y)
    y = layers.BatchNormalization(name="b1_bn2")(y)
    x = layers.Add(name="b1_add")([x, y])
    x = layers.ReLU(name="b1_out")(x)
    # Block 2: 1x1 stride-2 projection shortcut, the body is the first operand of Add.
    y = layers.Conv2D(16, 3, strides=2, padding="same", name="b2_conv1")(x)
    y = layers.BatchNormalization(name="b2_bn1")(y)
    y = layers.ReLU(name="b2_relu1")(y)
    y = layers.Conv2D(16, 3, padding="same", name="b2_conv2")(y)
    y = layers.BatchNormalization(name="b2_bn2")(y)
    s = layers.Conv2D(16, 1, strides=2, padding="valid", name="b2_proj")(x)
    s = layers.BatchNormalization(name="b2_proj_bn")(s)
    x = layers.Add(name="b2_add")([y, s])
    x = layers.ReLU(name="b2_out")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = layers.Dense(10, name="logits")(x)
    return keras.Model(inputs, outputs, name="resnet")


def mlp():
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.AveragePooling2D(3, strides=3, padding="same", name="avg"),
            layers.Flatten(name="flatten"),
            layers.Dense(32, activation="relu", name="hidden"),
            layers.Dropout(0.25, name="dropout"),
            layers.Dense(10, name="logits"),
            layers.Activation("softmax", name="probabilities"),
        ],
        name="mlp",
    )


def padded():
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.ZeroPadding2D(1, name="pad_a"),
            layers.Conv2D(8, 3, strides=2, padding="valid", name="conv_a"),
            layers.BatchNormalization(name="bn_a"),
            layers.ReLU(name="relu_a"),
            layers.ZeroPadding2D(((0, 1), (1, 0)), name="pad_b"),
            layers.MaxPooling2D(2, name="pool_b"),
            layers.ZeroPadding2D((1, 2), name="pad_c"),
            layers.Conv2D(8, 3, padding="valid", activation="relu", name="conv_c"),
            layers.Flatten(name="flatten"),
            layers.Dense(10, name="logits"),
        ],
        name="padded",
    )


def train(model, images, labels, ends_in_softmax):
    model.compile(
        optimizer=keras.optimizers.Adam(1e-2),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=not ends_in_softmax),
    )
    rng = np.random.default_rng(SEED)
    for _ in range(STEPS):
        batch = rng.choice(len(images), BATCH, replace=False)
        model.train_on_batch(images[batch], labels[batch])


def logits_model(model, ends_in_softmax):
    if not ends_in_softmax:
        return model
    return keras.Model(model.inputs, model.layers[-2].output)


def expected(model, samples, labels, ends_in_softmax):
    logits = np.asarray(logits_model(model, ends_in_softmax)(samples, training=False), np.float32)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)
    top2 = np.sort(logits, axis=1)[:, -2:]
    notes = (
        "the model ends in a softmax: logits are the output of the layer before it, the loss is"
        " taken from them"
        if ends_in_softmax
        else "the model's output is the logits"
    )
    return logits, {
        "loss": float(loss),
        "predictions": [int(p) for p in np.argmax(logits, axis=1)],
        "min_top2_margin": float(np.min(top2[:, 1] - top2[:, 0])),
        "notes": notes,
    }


def npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def layer_named(config, name):
    return next(l for l in config["config"]["layers"] if l["config"]["name"] == name)


def keras2_spelling(config):
    """The same Functional config as Keras 2 writes it: nested inbound nodes, lists of triples."""
    config = copy.deepcopy(config)
    for layer in config["config"]["layers"]:
        history = re.findall(r'"keras_history": \["([^"]+)"', json.dumps(layer.get("inbound_nodes", [])))
        layer["inbound_nodes"] = [[[name, 0, 0, {}] for name in history]] if history else []
        if "batch_shape" in layer["config"]:
            layer["config"]["batch_input_shape"] = layer["config"].pop("batch_shape")
    config["config"]["input_layers"] = [config["config"]["input_layers"]]
    config["config"]["output_layers"] = [config["config"]["output_layers"]]
    return config


def write_fuzz_seeds():
    """Seeds of KerasConfigFuzzTest: real configs and edits of them, compact JSON."""
    FUZZ_SEEDS.mkdir(parents=True, exist_ok=True)
    configs = {}
    for name in ["cnn_bn", "resnet", "mlp"]:
        with zipfile.ZipFile(OUT / name / "model.keras") as archive:
            configs[name] = json.loads(archive.read("config.json"))
    seeds = {f"seed-{name}": config for name, config in configs.items()}
    seeds["seed-resnet-keras2"] = keras2_spelling(configs["resnet"])

    edited = copy.deepcopy(configs["cnn_bn"])
    layer_named(edited, "relu_a")["class_name"] = "LSTM"
    seeds["seed-lstm"] = edited
    edited = copy.deepcopy(configs["cnn_bn"])
    layer_named(edited, "conv_b")["config"]["dilation_rate"] = [2, 2]
    seeds["seed-dilated"] = edited
    edited = copy.deepcopy(configs["cnn_bn"])
    layer_named(edited, "conv_a")["config"]["data_format"] = "channels_first"
    seeds["seed-channels-first"] = edited
    edited = copy.deepcopy(configs["resnet"])
    layer_named(edited, "b2_add")["class_name"] = "Concatenate"
    seeds["seed-concatenate"] = edited
    edited = copy.deepcopy(configs["resnet"])
    gap = layer_named(edited, "gap")
    gap["inbound_nodes"].append(copy.deepcopy(gap["inbound_nodes"][0]))
    seeds["seed-shared-layer"] = edited

    for name, config in seeds.items():
        (FUZZ_SEEDS / name).write_text(json.dumps(config, separators=(",", ":")))
    text = json.dumps(configs["mlp"], separators=(",", ":"))
    (FUZZ_SEEDS / "seed-truncated").write_text(text[: len(text) // 2])


def main():
    random.seed(SEED)
    np.random.seed(SEED)
    keras.utils.set_random_seed(SEED)
    train_images = as_input(read_idx(DATA / "train-images-idx3-ubyte.gz"))
    train_labels = read_idx(DATA / "train-labels-idx1-ubyte.gz").astype(np.int32)
    samples = as_input(read_idx(DATA / "t10k-images-idx3-ubyte.gz")[:SAMPLES])
    labels = read_idx(DATA / "t10k-labels-idx1-ubyte.gz")[:SAMPLES].astype(np.int32)

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "samples.npy.gz").write_bytes(gzip.compress(npy_bytes(samples), 9, mtime=0))
    (OUT / "labels.npy").write_bytes(npy_bytes(labels))

    builds = [
        (cnn_bn, False, True),
        (resnet, False, False),
        (mlp, True, False),
        (padded, False, False),
    ]
    # --only NAME writes one model (a model added later leaves the others' files as they were).
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    for build, ends_in_softmax, with_optimizer in builds:
        if only is not None and build.__name__ != only:
            continue
        keras.utils.set_random_seed(SEED)
        model = build()
        train(model, train_images, train_labels, ends_in_softmax)
        if not with_optimizer:
            trained, model = model, build()
            model.set_weights(trained.get_weights())
        folder = OUT / model.name
        folder.mkdir(exist_ok=True)
        model.save(folder / "model.keras")
        model.save(folder / "model.h5")
        logits, values = expected(model, samples, labels, ends_in_softmax)
        (folder / "logits.npy").write_bytes(npy_bytes(logits))
        (folder / "expected.json").write_text(json.dumps(values, indent=1) + "\n")
        accuracy = np.mean(np.array(values["predictions"]) == labels)
        print(f"{model.name}: loss {values['loss']:.6f}, accuracy {accuracy:.3f},"
              f" min top-2 margin {values['min_top2_margin']:.2e}")


if __name__ == "__main__":
    if "--seeds-only" not in sys.argv[1:]:
        main()
    write_fuzz_seeds()
