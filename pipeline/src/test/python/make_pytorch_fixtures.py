#!/usr/bin/env python3
"""Writes the committed fixtures of the PyTorch exporter (pipeline/scripts/export_pytorch.py).

Run from anywhere with a Python that has torch and numpy (e.g. the project's venv after
`/work/venv-tf/bin/pip install --index-url file:///opt/pypi/simple torch`):

    /work/venv-tf/bin/python pipeline/src/test/python/make_pytorch_fixtures.py [OUT]

OUT defaults to the committed folder below; give another to regenerate elsewhere (e.g. with a bug
planted in the exporter, to see the Java test catch it). The build never runs this script, it only
reads what it wrote. Seeds are fixed, but PyTorch's kernels are not bit for bit reproducible across
versions and machines: the files and their expected values are always written together.

Each model is trained briefly (Adam, 200 steps of 64 on the committed 3000-image Fashion-MNIST
training subset, so batch norm's running statistics are far from 0 and 1), put in eval mode,
exported with export_pytorch.export, and evaluated on the first 256 test images of the subset,
fed as the Keras fixtures are: pixel / 255 in float32, [N, 1, 28, 28] (the tool reads the same
IDX files as [N, 28, 28, 1]):

  resources/org/losslandscape/pipeline/imports/pytorch/<model>/
      model.json, weights/*.npy   the export (format loss-landscape-network/1)
      logits.npy                  float32 [256, 10]: PyTorch's logits in eval mode
      expected.json
          loss             mean softmax cross-entropy of those logits (torch, float32)
          predictions      argmax of each sample's logits
          min_top2_margin  the smallest gap between a sample's two largest logits
          sources          which PyTorch tensor each exported tensor came from

  resources/org/losslandscape/pipeline/results/ModelFilesFuzzTestInputs/folder/seed-pytorch-export
      a seed of ModelFilesFuzzTest: an exported zero_pad, Flatten of 2 channels and Linear, as
      model.json and the dense0 tensors joined by the fuzz inputs' file separator.

Models (between them every trap the exporter handles):
  cnn     Conv2d 3x3 stride 2 padding 1 on 28x28 (PyTorch pads 1 before, TensorFlow's SAME would
          pad 0: exported as zero_pad + valid), BatchNorm2d, ReLU, MaxPool2d(2), Conv2d 3x3
          padding 1 (exactly SAME), BatchNorm2d (eps 1e-3, momentum 0.3), ELU, AvgPool2d 3
          stride 2 padding 1 (count_include_pad: zero_pad + valid), Flatten of 16 channels
          (PyTorch flattens c, h, w; the tool h, w, c), BatchNorm1d and Linear after it (both
          permuted), Dropout.
  resnet  stem Conv2d 3x3 padding 1 without bias, BatchNorm2d, ReLU, MaxPool2d(3, 2, padding=1)
          (torchvision's stem pool: padded with -inf in PyTorch, exact with zeros after a ReLU),
          a Residual with an identity shortcut, ReLU, a Residual whose body starts with a
          stride-2 padding-1 convolution and whose shortcut is a 1x1 stride-2 Conv2d + BatchNorm2d
          projection, ReLU, AdaptiveAvgPool2d(1), Flatten, Linear, and a final LogSoftmax (dropped).
"""

import json
import pathlib
import sys
import tempfile

import numpy as np
import torch
from torch import nn

HERE = pathlib.Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[3] / "scripts"))
sys.path.insert(0, str(HERE.parent))
import export_pytorch  # noqa: E402
from fixture_images import read_idx, unit_pixels  # noqa: E402
from export_pytorch import Residual  # noqa: E402

TEST_RESOURCES = HERE.parents[1] / "resources"
DATA = TEST_RESOURCES / "fashion-mnist-subset"
OUT = TEST_RESOURCES / "org/losslandscape/pipeline/imports/pytorch"

SAMPLES = 256
STEPS = 200
BATCH = 64
SEED = 20261207


def as_input(images):
    """[n, 1, 28, 28] float32, pixel / 255 rounded once in float32 (as the Keras fixtures)."""
    return torch.from_numpy(unit_pixels(images)[:, np.newaxis])


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, stride=2, padding=1),
        nn.BatchNorm2d(8),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1, bias=False),
        nn.BatchNorm2d(16, eps=1e-3, momentum=0.3),
        nn.ELU(),
        nn.AvgPool2d(3, stride=2, padding=1),
        nn.Flatten(),
        nn.BatchNorm1d(16 * 4 * 4),
        nn.Dropout(0.25),
        nn.Linear(16 * 4 * 4, 10),
    )


def resnet():
    def conv_bn(c_in, c_out, stride=1):
        return [nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False),
                nn.BatchNorm2d(c_out)]

    return nn.Sequential(
        *conv_bn(1, 8),
        nn.ReLU(),
        nn.MaxPool2d(3, stride=2, padding=1),
        Residual(nn.Sequential(*conv_bn(8, 8), nn.ReLU(), *conv_bn(8, 8))),
        nn.ReLU(),
        Residual(
            nn.Sequential(*conv_bn(8, 16, stride=2), nn.ReLU(), *conv_bn(16, 16)),
            nn.Sequential(nn.Conv2d(8, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16)),
        ),
        nn.ReLU(),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Linear(16, 10),
        nn.LogSoftmax(dim=1),
    )


def train(model, images, labels):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    rng = np.random.default_rng(SEED)
    model.train()
    for _ in range(STEPS):
        batch = torch.from_numpy(rng.choice(len(images), BATCH, replace=False))
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(images[batch]), labels[batch])
        loss.backward()
        optimizer.step()
    model.eval()


def logits_of(model, samples):
    """The logits: the model's output, or for a model ending in LogSoftmax the input to it."""
    with torch.no_grad():
        if isinstance(model[-1], (nn.LogSoftmax, nn.Softmax)):
            return model[:-1](samples)
        return model(samples)


# Mirrors FuzzInputs.SEPARATOR in the Java tests: fuzz inputs that stand for several files.
SEPARATOR = b"\n--next-file--\n"
FUZZ_SEED = TEST_RESOURCES / "org/losslandscape/pipeline/results/ModelFilesFuzzTestInputs/folder"


def write_fuzz_seed():
    """A small export in the layout of ModelFilesFuzzTest: model.json, dense0.kernel, dense0.bias."""
    torch.manual_seed(SEED)
    model = nn.Sequential(nn.Conv2d(1, 2, 3, stride=2, padding=1), nn.Flatten(), nn.Linear(8, 3))
    with tempfile.TemporaryDirectory() as folder:
        folder = pathlib.Path(folder)
        export_pytorch.export(model, folder, input_shape=(4, 4, 1), classes=3, name="seed")
        # The fuzz test names its weight parts dense<i>.*: keep only the dense layer's tensors by
        # dropping the convolution (a zero_pad, a valid stride-2 window and a flatten remain).
        description = json.loads((folder / "model.json").read_text())
        layers = description["network"]["layers"]
        description["network"]["layers"] = [layers[0], {"type": "max_pool", "size": 3,
                                                        "stride": 2}] + layers[2:]
        description["input_shape"] = [4, 4, 2]
        description["parameters"] = [t for t in description["parameters"]
                                     if t["name"].startswith("dense0.")]
        parts = [json.dumps(description).encode()]
        for tensor in ("dense0.kernel", "dense0.bias"):
            parts.append((folder / "weights" / f"{tensor}.npy").read_bytes())
    FUZZ_SEED.mkdir(parents=True, exist_ok=True)
    (FUZZ_SEED / "seed-pytorch-export").write_bytes(SEPARATOR.join(parts))


def main(out):
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    train_images = as_input(read_idx(DATA / "train-images-idx3-ubyte.gz"))
    train_labels = torch.from_numpy(read_idx(DATA / "train-labels-idx1-ubyte.gz").astype(np.int64))
    samples = as_input(read_idx(DATA / "t10k-images-idx3-ubyte.gz")[:SAMPLES])
    labels = torch.from_numpy(read_idx(DATA / "t10k-labels-idx1-ubyte.gz")[:SAMPLES].astype(np.int64))
    for name, build in [("cnn", cnn), ("resnet", resnet)]:
        model = build()
        train(model, train_images, train_labels)
        folder = out / name
        sources = export_pytorch.export(model, folder, input_shape=(28, 28, 1), classes=10,
                                        name=name)
        logits = logits_of(model, samples)
        loss = nn.functional.cross_entropy(logits, labels)
        logits = logits.numpy().astype(np.float32)
        top2 = np.sort(logits, axis=1)[:, -2:]
        np.save(folder / "logits.npy", logits)
        expected = {
            "loss": float(loss),
            "predictions": [int(p) for p in np.argmax(logits, axis=1)],
            "min_top2_margin": float(np.min(top2[:, 1] - top2[:, 0])),
            "sources": {tool: source for tool, source in sources},
        }
        (folder / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
        accuracy = float(np.mean(np.argmax(logits, axis=1) == labels.numpy()))
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        print(f"{name}: loss {expected['loss']:.6f}, accuracy {accuracy:.3f}, min top-2 margin"
              f" {expected['min_top2_margin']:.2e}, {size / 1024:.0f} kB")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(pathlib.Path(sys.argv[1]))
    else:
        main(OUT)
        write_fuzz_seed()
