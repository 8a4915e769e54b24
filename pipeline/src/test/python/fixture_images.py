"""The committed Fashion-MNIST subset as the fixture scripts read it (numpy only).

Shared by make_keras_fixtures.py and make_pytorch_fixtures.py, so that both frameworks' fixtures
see the same pixels the tool reads: IDX bytes, divided by 255 once in float32.
"""

import gzip

import numpy as np


def read_idx(path):
    """An IDX file (gzip): unsigned bytes with a big-endian header of dimension sizes."""
    raw = gzip.decompress(path.read_bytes())
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def unit_pixels(images):
    """[n, 28, 28] bytes as float32 pixel / 255, rounded once in float32."""
    return images.astype(np.float32) / np.float32(255)
