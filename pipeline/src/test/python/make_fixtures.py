#!/usr/bin/env python3
"""Writes the committed test fixtures of the readers of user files (numpy 2.4, Python 3).

Run from anywhere: `python3 pipeline/src/test/python/make_fixtures.py`. The output is
deterministic (seeded); the build never runs this script, it only reads what it wrote:

  resources/org/losslandscape/pipeline/io/numpy/
      .npy files written by real numpy (every numeric dtype, both byte orders, C and Fortran
      order, 0-d to 3-d, format versions 1.0, 2.0 and 3.0, byte-order marks '=' and '|', a
      hand-written header) and files numpy writes for dtypes that cannot be weights;
      expected.json: per file, the float32 values numpy's astype(np.float32) gives in C order
      (as raw IEEE bits), the int32 values where they fit, or the word the refusal must contain.
  resources/org/losslandscape/pipeline/results/pytorch-export/
      a 4-3-2 model saved the way a PyTorch user does: np.save(path, layer.weight.T), i.e.
      Fortran-order kernels (one of them float64), and a hand-written minimal model.json;
      expected.json holds the [in, out] C-order float32 kernels and biases.
  resources/org/losslandscape/pipeline/**/<Class>Inputs/<method>/
      seed corpora of the Jazzer fuzz tests: valid inputs of each kind and a few broken ones.
"""

import gzip
import io
import json
import pathlib
import struct

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1] / "resources/org/losslandscape/pipeline"
NUMPY_DIR = ROOT / "io/numpy"
EXPORT_DIR = ROOT / "results/pytorch-export"

# Mirrors FuzzInputs.SEPARATOR in the Java tests: fuzz inputs that stand for several files.
SEPARATOR = b"\n--next-file--\n"

FLOAT_TYPES = ["<f2", ">f2", "<f4", ">f4", "<f8", ">f8"]
INT_TYPES = ["|i1", "<i2", ">i2", "<i4", ">i4", "<i8", ">i8",
             "|u1", "<u2", ">u2", "<u4", ">u4", "<u8", ">u8"]
SHAPES = {"0d": (), "1d": (7,), "2d": (3, 4), "3d": (2, 3, 4)}


def npy_bytes(array, version=(1, 0), allow_pickle=False):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, version=version, allow_pickle=allow_pickle)
    return buffer.getvalue()


def raw_npy(header_text, data, version=(1, 0)):
    """A .npy file with a header exactly as given (for headers numpy would not write)."""
    header = header_text.encode("latin1" if version[0] < 3 else "utf8")
    length = struct.pack("<H", len(header)) if version == (1, 0) else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes(version) + length + header + data


def values_for(dtype, count, rng):
    """Edge values of the dtype first, then seeded random ones."""
    dt = np.dtype(dtype)
    if dt.kind == "f":
        info = np.finfo(dt)
        specials = [0.0, -0.0, 1.0, -2.5, np.inf, -np.inf, np.nan, float(info.max),
                    float(info.smallest_subnormal), float(-info.tiny)]
        if dt.itemsize == 8:
            # Not float32 numbers: round to nearest (ties to even), overflow, underflow.
            specials += [0.1, 1 / 3, 1 + 2.0**-24, 1 + 3 * 2.0**-24, 1 + 2.0**-24 + 2.0**-50,
                         3.5e38, 1e-40, 1e-46]
        random = rng.standard_normal(count) * 10.0
    else:
        info = np.iinfo(dt)
        specials = [int(info.min), int(info.max), 0, 1, int(info.max) // 3]
        if dt.kind == "i":
            specials.append(-1)
        if info.max > 2**25:
            specials += [2**24 + 1, 2**24 + 3]  # not float32 numbers: round to even
        random = rng.integers(int(info.min), int(info.max), size=count, endpoint=True,
                              dtype=dt.newbyteorder("="))
    values = np.array(list(specials) + list(random), dtype=object)[:count]
    with np.errstate(over="ignore", invalid="ignore"):
        return np.array(list(values), dtype=dt)


def expectation(name, array):
    """What the Java reader must produce: numpy's float32 conversion in C order, as raw bits."""
    with np.errstate(over="ignore", invalid="ignore"):
        as_float32 = np.ascontiguousarray(array).astype(np.float32)
    entry = {
        "file": name,
        "descr": array.dtype.str,
        "shape": list(array.shape),
        "float32_bits": [int(b) for b in as_float32.reshape(-1).view(np.uint32)],
    }
    if array.dtype.kind in "iu":
        flat = np.ascontiguousarray(array).reshape(-1)
        fits = all(-(2**31) <= int(v) < 2**31 for v in flat)
        entry["int32"] = [int(v) for v in flat] if fits else None
    return entry


def write_numpy_fixtures():
    NUMPY_DIR.mkdir(parents=True, exist_ok=True)
    for old in NUMPY_DIR.glob("*.npy"):
        old.unlink()
    rng = np.random.default_rng(20261201)
    expected = []

    def save(name, array, data=None, **entry_overrides):
        (NUMPY_DIR / name).write_bytes(data if data is not None else npy_bytes(array))
        entry = expectation(name, array)
        entry.update(entry_overrides)
        expected.append(entry)

    # Every numeric dtype in every layout, version 1.0. A Fortran-ordered array holds the same
    # values as its C-ordered twin: only the order of the bytes in the file differs.
    for dtype in FLOAT_TYPES + INT_TYPES:
        for label, shape in SHAPES.items():
            count = int(np.prod(shape))
            array = values_for(dtype, count, rng).reshape(shape)
            stem = dtype.replace("<", "le-").replace(">", "be-").replace("|", "")
            save(f"{stem}-{label}-c.npy", array, fortran_order=False, version="1.0")
            if len(shape) >= 2:
                fortran = np.asfortranarray(array)
                assert b"'fortran_order': True" in npy_bytes(fortran)
                save(f"{stem}-{label}-fortran.npy", fortran, fortran_order=True, version="1.0")

    # Versions 2.0 and 3.0 for the two float types weights come in.
    for version in [(2, 0), (3, 0)]:
        for dtype in ["<f4", ">f8"]:
            for label, shape in SHAPES.items():
                array = values_for(dtype, int(np.prod(shape)), rng).reshape(shape)
                if len(shape) >= 2:
                    array = np.asfortranarray(array)
                stem = dtype.replace("<", "le-").replace(">", "be-")
                tag = f"v{version[0]}{version[1]}"
                save(f"{tag}-{stem}-{label}.npy", array, npy_bytes(array, version),
                     version=f"{version[0]}.{version[1]}")

    # Byte-order marks numpy reads as "native" but never writes for multi-byte types, and a
    # header with double quotes, other key order and no trailing comma (same data bytes).
    base = values_for("<f4", 12, rng).reshape(3, 4)
    base_bytes = npy_bytes(base)
    for mark, replacement in [("native-eq", b"'=f4', "), ("native-bar", b"'|f4', "),
                              ("no-mark", b"'f4',  ")]:
        data = base_bytes.replace(b"'<f4', ", replacement)
        assert len(data) == len(base_bytes)
        save(f"mark-{mark}-f4.npy", base, data)
    wide = values_for("<i8", 6, rng).reshape(2, 3)
    save("mark-native-eq-i8.npy", wide, npy_bytes(wide).replace(b"'<i8'", b"'=i8'"))
    header = '{"shape": (3, 4), "descr": "<f4", "fortran_order": False}'
    header += " " * (117 - len(header)) + "\n"
    save("handwritten-header.npy", base, raw_npy(header, base.tobytes()))

    # The conversions where getting it right matters, in one file each.
    doubles = np.array([0.1, 1 / 3, 1 + 2.0**-24, 1 + 3 * 2.0**-24, 1 + 2.0**-24 + 2.0**-50,
                        3.5e38, -3.5e38, 3.4028235e38, 1e-40, 2.0**-149, 0.7 * 2.0**-149, 1e-46,
                        -0.0, np.nan, np.inf, -np.inf], dtype="<f8")
    save("rounding-f8.npy", doubles)
    halves = np.array([0, 1, 0x3ff, 0x400, 0x3c00, 0x7bff, 0x7c00, 0xfc00, 0x7e00, 0x7c01, 0x8000,
                       0x8001, 0xc000, 0x3555], dtype="<u2").view("<f2")
    save("every-kind-f2.npy", halves)
    unsigned = np.array([0, 1, 2**24 + 1, 2**63, 2**63 + 1, 2**63 + 2**39, 2**63 + 2**39 + 1,
                         2**63 + 2**40 + 2**39, 2**64 - 1, 2**64 - 2**39 - 1], dtype="<u8")
    save("rounding-u8.npy", unsigned)
    signed = np.array([-(2**63), 2**63 - 1, 2**53 + 1, -(2**24) - 1, 2**24 + 2**0,
                       2**25 + 2**1 + 1, -(2**31), 2**31 - 1], dtype="<i8")
    save("rounding-i8.npy", signed)
    save("empty-2d.npy", np.zeros((0, 3), dtype="<f4"))

    # Dtypes that cannot be weights: the reader must refuse each in one line.
    refusals = {
        "bool": (np.array([True, False]), "bool"),
        "complex64": (np.array([1 + 2j], dtype="<c8"), "complex"),
        "complex128": (np.array([1 + 2j], dtype=">c16"), "complex"),
        "object": (np.array([1, "a"], dtype=object), "object"),
        "unicode": (np.array(["abc"]), "text string"),
        "bytes": (np.array([b"abc"]), "byte string"),
        "structured": (np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]), "structured"),
        "datetime": (np.array(["2024-01-01"], dtype="datetime64[D]"), "datetime"),
        "timedelta": (np.array([1], dtype="timedelta64[s]"), "timedelta"),
        "longdouble": (np.zeros(2, dtype=np.longdouble), "extended precision"),
        "void": (np.zeros(2, dtype="V4"), "void"),
    }
    for name, (array, word) in refusals.items():
        file = f"refuse-{name}.npy"
        (NUMPY_DIR / file).write_bytes(npy_bytes(array, allow_pickle=True))
        expected.append({"file": file, "descr": str(array.dtype.descr), "refused": word})

    (NUMPY_DIR / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    return expected


def write_pytorch_export():
    """A 4-3-2 net as a PyTorch user saves it: Linear.weight is [out, in]; save its transpose."""
    rng = np.random.default_rng(7)
    weight0 = rng.standard_normal((3, 4)).astype(np.float32)  # Linear(4, 3).weight
    bias0 = rng.standard_normal(3).astype(np.float32)
    weight1 = rng.standard_normal((2, 3))  # float64, as after model.double()
    bias1 = rng.standard_normal(2).astype(np.float32)
    weights = EXPORT_DIR / "weights"
    weights.mkdir(parents=True, exist_ok=True)
    np.save(weights / "dense0.kernel.npy", weight0.T)
    np.save(weights / "dense0.bias.npy", bias0)
    np.save(weights / "dense1.kernel.npy", weight1.T)
    np.save(weights / "dense1.bias.npy", bias1)
    assert b"'fortran_order': True" in (weights / "dense0.kernel.npy").read_bytes()
    (EXPORT_DIR / "model.json").write_text(
        json.dumps({"input_size": 4, "hidden": [3], "classes": 2}) + "\n")

    def bits(array):
        return [int(b) for b in np.ascontiguousarray(array, dtype=np.float32).reshape(-1)
                .view(np.uint32)]

    expected = {"dense0.kernel": bits(weight0.T), "dense0.bias": bits(bias0),
                "dense1.kernel": bits(weight1.T.astype(np.float32)), "dense1.bias": bits(bias1)}
    (EXPORT_DIR / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")


def idx_images(count, rows, cols, pixels=None, magic=0x803):
    if pixels is None:
        pixels = bytes((7 * i + 3) % 256 for i in range(count * rows * cols))
    return struct.pack(">IIII", magic, count, rows, cols) + pixels


def idx_labels(labels, magic=0x801, count=None):
    return struct.pack(">II", magic, len(labels) if count is None else count) + bytes(labels)


def seeds(folder, named):
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.name.startswith("seed-"):
            old.unlink()
    for name, data in named.items():
        (folder / f"seed-{name}").write_bytes(data)


def write_fuzz_seeds():
    gz = lambda data: gzip.compress(data, mtime=0)
    images = idx_images(3, 4, 3)
    labels = idx_labels([0, 9, 4, 1, 2])
    image_seeds = {
        "valid": images,
        "one-pixel": idx_images(1, 1, 1),
        "truncated": images[:-5],
        "trailing": images + b"\x00\x01",
        "labels-magic": labels,
        "header-only": images[:16],
        "zero-count": idx_images(0, 4, 3, b""),
        "huge-count": idx_images(0x7FFFFFFF, 28, 28, b"\x00" * 40),
        "product-overflows": idx_images(0x7FFFFFFF, 0x7FFFFFFF, 0x7FFFFFFF, b"\x00" * 8),
        # Rank 4, [n, h, w, c]: channels-last images.
        "rank4": struct.pack(">IIIII", 0x804, 2, 3, 2, 3) + bytes(range(36)),
        "rank4-zero-channels": struct.pack(">IIIII", 0x804, 1, 2, 2, 0),
        "rank4-overflows": struct.pack(">IIIII", 0x804, 0x7FFFFFFF, 2, 0x7FFFFFFF, 0x7FFFFFFF)
        + b"\x00" * 8,
    }
    label_seeds = {
        "valid": labels,
        "label-ten": idx_labels([3, 10]),
        "truncated": labels[:-2],
        "huge-count": idx_labels([1, 2], count=0x7FFFFFF0),
        "images-magic": images,
    }
    data = ROOT / "data/IdxReaderFuzzTestInputs"
    seeds(data / "images", {**image_seeds, "valid.gz": gz(images),
                            "truncated-gzip": gz(images)[:-6]})
    seeds(data / "labels", {**label_seeds, "valid.gz": gz(labels),
                            "huge-count.gz": gz(label_seeds["huge-count"])})
    seeds(data / "imagesInsideGzip", image_seeds)
    seeds(data / "labelsInsideGzip", label_seeds)

    def folder(flags, parts):
        return bytes([flags]) + SEPARATOR.join(parts)

    train = [idx_images(4, 3, 2), idx_labels([1, 2, 3, 4])]
    test = [idx_images(2, 3, 2), idx_labels([9, 0])]
    seeds(ROOT / "data/FashionMnistFuzzTestInputs/folder", {
        "raw": folder(0x00, train + test),
        "gzip": folder(0x0F, train + test),
        "mixed": folder(0x05, train + test),
        "other-image-size": folder(0x00, train + [idx_images(2, 2, 3), test[1]]),
        "count-mismatch": folder(0x00, [train[0], idx_labels([1, 2, 3])] + test),
        "three-files": folder(0x00, train + test[:1]),
    })

    def model(json_text, tensors):
        return SEPARATOR.join([json_text.encode()] + tensors)

    rng = np.random.default_rng(11)
    kernel0 = rng.standard_normal((4, 3)).astype(np.float32)
    bias0 = rng.standard_normal(3).astype(np.float32)
    kernel1 = rng.standard_normal((3, 2)).astype(np.float32)
    bias1 = np.zeros(2, dtype=np.float32)
    good = [npy_bytes(kernel0), npy_bytes(bias0), npy_bytes(kernel1), npy_bytes(bias1)]
    spec = json.dumps({"format": "loss-landscape-mlp/1", "input_size": 4, "hidden": [3],
                       "classes": 2, "activation": "relu", "parameters": [
                           {"name": "dense0.kernel", "shape": [4, 3],
                            "file": "weights/dense0.kernel.npy"},
                           {"name": "dense0.bias", "shape": [3], "file": "weights/dense0.bias.npy"},
                           {"name": "dense1.kernel", "shape": [3, 2],
                            "file": "weights/dense1.kernel.npy"},
                           {"name": "dense1.bias", "shape": [2], "file": "weights/dense1.bias.npy"},
                       ]})
    minimal = json.dumps({"input_size": 4, "hidden": [3], "classes": 2})
    # What ModelFiles.write records for weights the tool trained (read by readProvenance).
    provenance = json.dumps({
        "format": "loss-landscape-mlp/1", "input_size": 4, "hidden": [3], "classes": 2,
        "provenance": {
            "tool": "loss-landscape", "tool_version": "0.1.0", "tensorflow_version": "2.18.0",
            "tensorflow_java_version": "1.1.0", "device": "cpu",
            "recipe": {"name": "high_lr_small_batch", "learning_rate": 0.1, "batch_size": 32,
                       "effective_batch_size": 32, "optimizer": "sgd", "momentum": 0.0,
                       "schedule": "constant", "budget": "2 epochs"},
            "seed": 1, "initialization": "he",
            "data": {"source": "/usr/share/datasets/fashion-mnist", "train_samples": 60000,
                     "test_samples": 10000, "sha256": "00ff",
                     "files": [{"name": "train-images-idx3-ubyte.gz", "bytes": 26421880,
                                "sha256": "11ee"}]},
            "preprocessing": {"formula": "x = (pixel / 255 - mean) / std", "mean": 0.286,
                              "std": 0.353},
            "status": "completed", "steps": 100, "epochs": 2.0}})
    with_nan = kernel1.copy()
    with_nan[1, 1] = np.nan
    seeds(ROOT / "results/ModelFilesFuzzTestInputs/folder", {
        "valid": model(spec, good),
        "minimal-json": model(minimal, good),
        "with-provenance": model(provenance, good),
        "fortran-float64": model(minimal, [npy_bytes(np.asfortranarray(kernel0, dtype="<f8")),
                                           good[1], npy_bytes(kernel1.astype(">f4")), good[3]]),
        "softmax-regression": model(json.dumps({"input_size": 4, "hidden": [], "classes": 2}),
                                    [npy_bytes(rng.standard_normal((4, 2)).astype(np.float32)),
                                     good[3]]),
        "transposed-kernel": model(minimal, [npy_bytes(kernel0.T.copy())] + good[1:]),
        "nan-weight": model(minimal, good[:2] + [npy_bytes(with_nan), good[3]]),
        "missing-bias": model(minimal, good[:3]),
        "string-sizes": model('{"input_size": "4", "hidden": [3], "classes": 2}', good),
        "fractional-size": model('{"input_size": 4.5, "hidden": [3], "classes": 2}', good),
        "huge-size": model('{"input_size": 99999999999, "hidden": [3], "classes": 2}', good),
        "broken-json": model('{"input_size": 4, "hidden": [3', good),
        "json-array": model("[4, 3, 2]", good),
    })

    seeds(ROOT / "io/NpyFuzzTestInputs/decode", {
        "f4-2d": npy_bytes(kernel0),
        "f8-fortran": npy_bytes(np.asfortranarray(kernel0, dtype=">f8")),
        "f2-0d": npy_bytes(np.float16(1.5)),
        "u8-1d": npy_bytes(np.array([2**64 - 1, 5], dtype="<u8")),
        "i1-3d": npy_bytes(np.arange(24, dtype="|i1").reshape(2, 3, 4)),
        "v2": npy_bytes(bias0, version=(2, 0)),
        "v3": npy_bytes(bias0, version=(3, 0)),
        "structured": npy_bytes(np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")])),
        "complex": npy_bytes(np.array([1j], dtype="<c8")),
        "truncated": npy_bytes(kernel0)[:-3],
        "huge-shape": raw_npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647,"
                              " 2147483647), }\n", b"\x00" * 8),
        "nested": raw_npy("{'descr': [('a', [('b', '<f4')])], 'fortran_order': False,"
                          " 'shape': (1,), }\n", b"\x00" * 4),
    })


def write_data_set_seeds():
    """Seeds of the npy data set reader: image and label arrays, two or four files."""
    def arrays(flags, parts):
        return bytes([flags]) + SEPARATOR.join(parts)

    rng = np.random.default_rng(19)
    nhwc = rng.integers(0, 256, (8, 3, 2, 3), dtype=np.uint8)
    labels = np.array([0, 1, 2, 0, 1, 2, 0, 1], dtype=np.int64)
    floats = rng.standard_normal((8, 3, 4, 4)).astype(np.float32)
    test = rng.integers(0, 256, (2, 3, 2, 3), dtype=np.uint8)
    seeds(ROOT / "data/NpyDataSetFuzzTestInputs/arrays", {
        "pair-uint8-nhwc": arrays(0x00, [npy_bytes(nhwc), npy_bytes(labels)]),
        "pair-float-nchw": arrays(0x01, [npy_bytes(floats), npy_bytes(labels.astype(np.uint8))]),
        "four-files": arrays(0x02, [npy_bytes(nhwc), npy_bytes(labels), npy_bytes(test),
                                    npy_bytes(np.array([2, 0], dtype=np.int32))]),
        "rank3-float64": arrays(0x00, [npy_bytes(floats[:, 0].astype(np.float64)),
                                       npy_bytes(labels)]),
        "wrong-layout": arrays(0x01, [npy_bytes(np.zeros((8, 28, 28, 1), np.uint8)),
                                      npy_bytes(labels)]),
        "count-mismatch": arrays(0x00, [npy_bytes(nhwc), npy_bytes(labels[:7])]),
        "float-labels": arrays(0x00, [npy_bytes(nhwc), npy_bytes(labels.astype(np.float32))]),
        "negative-label": arrays(0x00, [npy_bytes(nhwc), npy_bytes(-labels)]),
        "wide-integers": arrays(0x00, [npy_bytes(nhwc.astype(np.int16) * 2), npy_bytes(labels)]),
        "nan": arrays(0x00, [npy_bytes(np.full((8, 2, 2), np.nan, np.float32)),
                             npy_bytes(labels)]),
        "empty": arrays(0x00, [npy_bytes(np.zeros((0, 2, 2), np.uint8)),
                               npy_bytes(np.zeros(0, np.int64))]),
        "one-file": arrays(0x00, [npy_bytes(nhwc)]),
    })


if __name__ == "__main__":
    fixtures = write_numpy_fixtures()
    write_pytorch_export()
    write_fuzz_seeds()
    write_data_set_seeds()
    print(f"wrote {len(fixtures)} numpy fixtures, the pytorch export and the fuzz seeds under {ROOT}")
