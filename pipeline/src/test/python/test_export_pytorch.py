#!/usr/bin/env python3
"""Unit tests of pipeline/scripts/export_pytorch.py's mappings and refusals (torch, numpy).

    /work/venv-tf/bin/python -m unittest pipeline/src/test/python/test_export_pytorch.py

Not part of the Maven build (which needs no Python): the build checks the exporter's output
numerically through PyTorchExportInTensorFlowTest on the committed fixtures; these check what the
fixtures cannot show, the choices between same, valid and zero_pad and the one-line refusals.
"""

import json
import pathlib
import sys
import tempfile
import unittest

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[3] / "scripts"))
import export_pytorch  # noqa: E402
from export_pytorch import ExportError, Residual  # noqa: E402


def exported(model, shape=(28, 28, 1), classes=10):
    with tempfile.TemporaryDirectory() as folder:
        export_pytorch.export(model, folder, shape, classes)
        description = json.loads((pathlib.Path(folder) / "model.json").read_text())
        weights = {f.stem: np.load(f) for f in (pathlib.Path(folder) / "weights").glob("*.npy")}
    return description["network"]["layers"], weights


def refusal(model, shape=(28, 28, 1), classes=10):
    with tempfile.TemporaryDirectory() as folder:
        with _ExpectExportError() as caught:
            export_pytorch.export(model, folder, shape, classes)
    return str(caught.exception)


class _ExpectExportError:
    """assertRaises outside a TestCase: the ExportError raised in the block."""

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        if kind is not ExportError:
            raise AssertionError(f"expected an ExportError, got {kind}: {value}")
        self.exception = value
        return True


class ConvolutionPadding(unittest.TestCase):
    def conv_layers(self, side, **conv):
        model = nn.Sequential(nn.Conv2d(1, 2, 3, **conv), nn.Flatten(), nn.LazyLinear(10))
        model(torch.zeros(1, 1, side, side))  # materialize the lazy Linear
        layers, _ = exported(model, (side, side, 1))
        return [l for l in layers if l["type"] in ("zero_pad", "conv2d")]

    def test_stride_one_padding_one_is_same(self):
        layers = self.conv_layers(28, padding=1)
        self.assertEqual([l["type"] for l in layers], ["conv2d"])
        self.assertEqual(layers[0]["padding"], "same")

    def test_no_padding_is_valid(self):
        layers = self.conv_layers(28, stride=2)
        self.assertEqual(layers[0]["padding"], "valid")

    def test_stride_two_padding_one_on_an_even_side_is_zero_padded(self):
        # TensorFlow's SAME pads 28 at stride 2 with 0 before and 1 after; PyTorch 1 and 1.
        layers = self.conv_layers(28, stride=2, padding=1)
        self.assertEqual(layers[0], {"type": "zero_pad", "top": 1, "bottom": 1, "left": 1,
                                     "right": 1})
        self.assertEqual(layers[1]["padding"], "valid")

    def test_stride_two_padding_one_on_an_odd_side_is_same(self):
        # On 27, SAME pads 1 before and 1 after: exactly PyTorch's.
        layers = self.conv_layers(27, stride=2, padding=1)
        self.assertEqual([l["type"] for l in layers], ["conv2d"])
        self.assertEqual(layers[0]["padding"], "same")

    def test_kernel_is_hwio(self):
        model = nn.Sequential(nn.Conv2d(3, 5, (2, 4)), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                              nn.Linear(5, 10))
        _, weights = exported(model, (8, 8, 3))
        w = model[0].weight.detach().numpy()
        self.assertEqual(weights["conv0.kernel"].shape, (2, 4, 3, 5))
        self.assertEqual(weights["conv0.kernel"][1, 3, 2, 4], w[4, 2, 1, 3])


class Flattening(unittest.TestCase):
    def test_rows_of_the_linear_after_a_flatten_follow_h_w_c(self):
        model = nn.Sequential(nn.Flatten(), nn.BatchNorm1d(2 * 3 * 4), nn.Linear(2 * 3 * 4, 10))
        with torch.no_grad():
            model[1].running_mean.copy_(torch.arange(24.0))
        _, weights = exported(model, (3, 4, 2))
        torch_weight = model[2].weight.detach().numpy()
        # The tool's value (y, x, c) of a 3x4x2 image is PyTorch's (c, y, x).
        for y, x, c in [(0, 0, 1), (2, 3, 0), (1, 2, 1)]:
            tool = (y * 4 + x) * 2 + c
            torch_index = c * 12 + y * 4 + x
            np.testing.assert_array_equal(weights["dense0.kernel"][tool], torch_weight[:, torch_index])
            self.assertEqual(weights["bn0.moving_mean"][tool], torch_index)

    def test_single_channel_flatten_is_the_identity(self):
        model = nn.Sequential(nn.Flatten(), nn.Linear(9, 10))
        _, weights = exported(model, (3, 3, 1))
        np.testing.assert_array_equal(weights["dense0.kernel"], model[1].weight.detach().numpy().T)


class Pooling(unittest.TestCase):
    def test_resnet_stem_max_pool_after_relu_is_zero_padded(self):
        model = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.ReLU(),
                              nn.MaxPool2d(3, 2, padding=1), nn.AdaptiveAvgPool2d(1),
                              nn.Flatten(), nn.Linear(2, 10))
        layers, _ = exported(model)
        self.assertEqual(layers[2], {"type": "zero_pad", "top": 1, "bottom": 0, "left": 1,
                                     "right": 0})
        self.assertEqual(layers[3]["padding"], "valid")

    def test_padded_max_pool_on_signed_values_is_refused(self):
        model = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.MaxPool2d(3, 2, padding=1),
                              nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2, 10))
        message = refusal(model)
        self.assertIn("position 1: nn.MaxPool2d", message)
        self.assertIn("may be negative", message)
        self.assertNotIn("\n", message)

    def test_ceil_mode_that_adds_a_window_is_same_for_max(self):
        model = nn.Sequential(nn.MaxPool2d(2, ceil_mode=True), nn.Flatten(), nn.LazyLinear(10))
        model(torch.zeros(1, 1, 7, 7))
        layers, _ = exported(model, (7, 7, 1))
        self.assertEqual(layers[0]["padding"], "same")

    def test_average_pool_without_padded_count_is_same_where_windows_agree(self):
        model = nn.Sequential(nn.AvgPool2d(3, 1, padding=1, count_include_pad=False),
                              nn.Flatten(), nn.Linear(25, 10))
        layers, _ = exported(model, (5, 5, 1))
        self.assertEqual(layers[0]["padding"], "same")


class Refusals(unittest.TestCase):
    def test_unsupported_module_names_itself_and_its_position(self):
        model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Sequential(nn.ReLU(), nn.LeakyReLU()))
        message = refusal(model)
        self.assertTrue(message.startswith("position 1.1: nn.LeakyReLU is not supported"), message)
        self.assertNotIn("\n", message)

    def test_linear_on_an_image_asks_for_a_flatten(self):
        self.assertIn("nn.Flatten()", refusal(nn.Sequential(nn.Linear(28, 10))))

    def test_softmax_before_the_end(self):
        message = refusal(nn.Sequential(nn.Flatten(), nn.Softmax(1), nn.Linear(784, 10)))
        self.assertIn("position 1: nn.Softmax is only supported as the last module", message)

    def test_dilation_and_groups(self):
        self.assertIn("dilation", refusal(nn.Sequential(nn.Conv2d(1, 2, 3, dilation=2))))

    def test_channels_that_do_not_fit_the_input_shape(self):
        message = refusal(nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten(), nn.LazyLinear(10)),
                          shape=(28, 28, 3))
        self.assertIn("position 0: nn.Conv2d has in_channels 1", message)

    def test_wrong_class_count(self):
        message = refusal(nn.Sequential(nn.Flatten(), nn.Linear(784, 5)))
        self.assertIn("10 logits", message)

    def test_not_a_sequential(self):
        self.assertIn("nn.Sequential", refusal(nn.Linear(784, 10)))


class ResidualBlocks(unittest.TestCase):
    def test_forward_is_body_plus_shortcut_without_activation(self):
        torch.manual_seed(0)
        body, shortcut = nn.Conv2d(2, 3, 1), nn.Conv2d(2, 3, 1)
        x = torch.randn(4, 2, 5, 5)
        torch.testing.assert_close(Residual(body, shortcut)(x), body(x) + shortcut(x))
        same = nn.Conv2d(2, 2, 1)
        torch.testing.assert_close(Residual(same)(x), same(x) + x)

    def test_shapes_that_do_not_add_are_refused(self):
        model = nn.Sequential(Residual(nn.Conv2d(1, 2, 3, stride=2, padding=1)))
        self.assertIn("same shape", refusal(model))

    def test_tensors_are_named_body_before_shortcut(self):
        model = nn.Sequential(
            Residual(nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.BatchNorm2d(2)),
                     nn.Conv2d(1, 2, 1)),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2, 10))
        with tempfile.TemporaryDirectory() as folder:
            sources = export_pytorch.export(model, folder, (8, 8, 1), 10)
        self.assertEqual(sources[0], ("conv0.kernel", "0.body.0.weight"))
        self.assertIn(("conv1.kernel", "0.shortcut.weight"), sources)


if __name__ == "__main__":
    unittest.main()
