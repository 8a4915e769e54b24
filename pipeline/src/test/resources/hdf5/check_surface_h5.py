#!/usr/bin/env python3
"""Reads a surface file written by SurfaceHdf5 with h5py, as Li et al.'s plot_2D.py and h52vtp.py do,
and prints what it finds as JSON (committed next to this script as h5py-check.json).

The file is SurfaceHdf5Test's fixture surface: loss = 1 + alpha + 10 beta and accuracy (a fraction)
= 0.5 + 0.1 alpha - 0.2 beta on a 5 x 5 grid over [-1, 1]^2, asymmetric so that a missing transpose
shows. SurfaceHdf5Test compares this report with what the writer produces today.

Regenerate (needs Debian's python3-h5py: apt-get install -y python3-h5py), from the repository root:
  mvn -B -q -pl pipeline -am test -Dtest='SurfaceHdf5Test#writesLis*' \
      -Dsurefire.failIfNoSpecifiedTests=false -Dhdf5.fixture.dir=/tmp
  /usr/bin/python3 pipeline/src/test/resources/hdf5/check_surface_h5.py \
      '/tmp/surface_[-1.0,1.0,5]x[-1.0,1.0,5].h5' > pipeline/src/test/resources/hdf5/h5py-check.json
"""
import json
import sys

import h5py
import numpy as np


def main(path):
    with h5py.File(path, "r") as f:
        datasets = {
            name: {"dtype": str(f[name].dtype), "shape": list(f[name].shape)} for name in f.keys()
        }
        x = f["xcoordinates"][:]
        y = f["ycoordinates"][:]
        loss = np.array(f["train_loss"][:])
        acc = np.array(f["train_acc"][:])

    # plot_2D.py: X, Y = np.meshgrid(x, y); Z = np.array(f[surf_name][:]); plt.contour(X, Y, Z)
    X, Y = np.meshgrid(x, y)
    loss_matches = bool(np.array_equal(loss, 1 + X + 10 * Y))
    acc_matches = bool(np.allclose(acc, 100 * (0.5 + 0.1 * X - 0.2 * Y), rtol=0, atol=1e-9))
    # h52vtp.py pairs X.ravel(), Y.ravel() with Z.ravel(): the same order, flattened.
    flat_matches = bool(np.array_equal(loss.ravel(), (1 + X + 10 * Y).ravel()))

    report = {
        "h5py_version": h5py.version.version,
        "hdf5_version": h5py.version.hdf5_version,
        "datasets": datasets,
        "xcoordinates": x.tolist(),
        "ycoordinates": y.tolist(),
        "train_loss": loss.tolist(),
        "train_acc": acc.tolist(),
        "train_loss_matches_meshgrid_x_y": loss_matches,
        "train_acc_is_percent_on_meshgrid_x_y": acc_matches,
        "flattened_order_matches_h52vtp": flat_matches,
    }
    print(json.dumps(report, indent=2, sort_keys=True))
    return 0 if loss_matches and acc_matches and flat_matches else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
