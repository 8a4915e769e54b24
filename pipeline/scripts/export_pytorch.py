#!/usr/bin/env python3
"""Export a PyTorch nn.Sequential as a loss-landscape model folder (format loss-landscape-network/1).

    import export_pytorch
    export_pytorch.export(model, "my-model", input_shape=(28, 28, 1), classes=10)

then

    java -jar pipeline/target/loss-landscape.jar landscape --weights my-model \\
        --data-dir DATA --preprocessing unit

The folder holds `model.json` (the layers in the JSON of `--model-file`, the input shape, the
classes and the tensor files) and `weights/<tensor>.npy` (float32): the same layout the tool
writes for the networks it trains. The model is exported as it is evaluated in `model.eval()`:
batch norm on its running statistics, dropout off.

Supported modules, in an nn.Sequential (nested Sequentials are walked through):

  nn.Conv2d            weight OIHW -> kernel HWIO, bias optional; groups 1, dilation 1, zero
                       padding. Padding that TensorFlow's "same" or "valid" computes exactly stays
                       so; any other (e.g. padding=1 at stride 2 on an even side, where "same"
                       would pad 0 before and 1 after) becomes a zero_pad layer and a "valid"
                       convolution, which is exactly what PyTorch computes.
  nn.BatchNorm2d/1d    weight -> gamma, bias -> beta, running_mean/var -> moving_mean/variance,
                       eps as is, momentum m -> 1 - m (PyTorch weighs the new batch by m,
                       TensorFlow the old statistics); affine=False drops gamma and beta.
  nn.Linear            weight [out, in] -> kernel [in, out]. After an nn.Flatten of an image its
                       rows are permuted: PyTorch flattens (c, h, w), the tool (h, w, c).
  nn.ReLU, nn.Tanh, nn.Sigmoid, nn.ELU (alpha 1), nn.Softplus (beta 1)
  nn.MaxPool2d         square windows; padding and ceil_mode where "same"/"valid" is exact, or
                       on an input known to be >= 0 (after a ReLU, as in torchvision's ResNet
                       stem) as a zero_pad layer and a "valid" pool, which is then exact.
  nn.AvgPool2d         the same; padding with count_include_pad=True (the default) becomes a
                       zero_pad layer and a "valid" pool, which is exact.
  nn.AdaptiveAvgPool2d(1)   global average pooling ([N, C] out; an nn.Flatten after it is a no-op)
  nn.Flatten           (start_dim 1, end_dim -1)
  nn.Dropout           rate p (off when evaluated)
  nn.Identity          dropped
  Residual(body, shortcut=None)   defined below: body(x) + shortcut(x), or body(x) + x
  nn.Softmax / nn.LogSoftmax      only as the last module, dropped: the tool takes logits
                                  (predictions and cross-entropy are unchanged)

Anything else stops the export with one line naming the module and its position, e.g.
`position features.3: nn.LSTM is not supported; ...`. PyTorch residual blocks are arbitrary
Python code, so build yours with `Residual`, whose forward is exactly what the tool computes
(no activation after the sum: put an nn.ReLU after the block, as torchvision's ResNet does).

Inputs: the tool feeds images channels-last ([h, w, c] per example) and the exported model expects
exactly the images the PyTorch model saw, laid out that way; the exporter converts the weights,
not the data. IDX data (`--data-dir`) and npy data (`--data-npy`, with `--data-layout nchw` for
arrays saved from PyTorch) are read into that layout. Pixels: a folder from here has no record of
how the model was trained, so say it: `--preprocessing unit` for pixel / 255 (torchvision's
ToTensor()), `--preprocessing standardize` for (pixel / 255 - mean) / std with the training set's
mean and std (ToTensor() then Normalize(mean, std) with those values).

Command line (a whole model saved with torch.save(model, path), or a factory and a state dict):

    python export_pytorch.py model.pt OUT --input-shape 28,28,1 --classes 10
    python export_pytorch.py --factory mypackage.nets:make_cnn --state-dict cnn.pt OUT \\
        --input-shape 28,28,1 --classes 10
"""

import argparse
import importlib
import json
import math
import pathlib
import sys
import warnings

import numpy as np
import torch
from torch import nn

FORMAT = "loss-landscape-network/1"

SUPPORTED = (
    "Conv2d, BatchNorm2d, BatchNorm1d, Linear, ReLU, Tanh, Sigmoid, ELU, Softplus, MaxPool2d,"
    " AvgPool2d, AdaptiveAvgPool2d(1), Flatten, Dropout, Identity, Residual, a final Softmax or"
    " LogSoftmax"
)


class Residual(nn.Module):
    """A residual block as the tool computes it: body(x) + shortcut(x), shortcut(x) = x if None.

    There is no activation after the sum; put one after the block (e.g. nn.Sequential(Residual(...),
    nn.ReLU())). A projection shortcut is typically nn.Sequential(nn.Conv2d(c_in, c_out, 1,
    stride=2, bias=False), nn.BatchNorm2d(c_out)).
    """

    def __init__(self, body, shortcut=None):
        super().__init__()
        self.body = body
        self.shortcut = shortcut

    def forward(self, x):
        return self.body(x) + (x if self.shortcut is None else self.shortcut(x))


class ExportError(ValueError):
    """A model the tool cannot represent exactly; the message is one line naming the module."""


class _Dims:
    """The activation between layers, as the tool sees it and as PyTorch holds it.

    Tool side: an image [h, w, c] or a flat vector of c values. PyTorch side: `torch_rank` 4
    (NCHW) or 2. `order[t]` is the PyTorch index of the tool's flat value t (None: the same), the
    permutation an nn.Flatten of an image introduces.
    """

    def __init__(self, h, w, c, flat, torch_rank, order=None, nonnegative=False):
        self.h, self.w, self.c, self.flat, self.torch_rank, self.order = h, w, c, flat, torch_rank, order
        # True when every value is >= 0 (after a ReLU, say): zeros then pad a max pool exactly.
        self.nonnegative = nonnegative

    def with_sign(self, nonnegative):
        return _Dims(self.h, self.w, self.c, self.flat, self.torch_rank, self.order, nonnegative)

    def size(self):
        return self.h * self.w * self.c

    def flat_order(self):
        return np.arange(self.size()) if self.order is None else self.order

    def same_as(self, other):
        return (
            (self.h, self.w, self.c, self.flat, self.torch_rank)
            == (other.h, other.w, other.c, other.flat, other.torch_rank)
            and np.array_equal(self.flat_order(), other.flat_order())
        )

    def __str__(self):
        return f"[{self.c}]" if self.flat else f"[{self.h}, {self.w}, {self.c}] (h, w, c)"


class _Exporter:
    def __init__(self):
        self.counters = {}
        self.parameters = []  # (name, array)
        self.state = []
        self.sources = []  # (tool tensor, pytorch tensor)

    def name(self, kind):
        k = self.counters.get(kind, 0)
        self.counters[kind] = k + 1
        return f"{kind}{k}"

    def fail(self, path, module, reason):
        raise ExportError(f"position {path}: nn.{type(module).__name__} {reason}")

    def tensor(self, store, name, array, source):
        store.append((name, np.ascontiguousarray(np.asarray(array, dtype=np.float32))))
        self.sources.append((name, source))

    # ------------------------------------------------------------------ walking

    def walk(self, modules, dims, prefix):
        """Layers for `modules` (a list of (name, module)) on `dims`; returns (layers, dims)."""
        layers = []
        for index, (child_name, module) in enumerate(modules):
            path = f"{prefix}{child_name}" if child_name else prefix.rstrip(".")
            last = index == len(modules) - 1
            if isinstance(module, nn.Sequential):
                inner, dims = self.walk(list(module.named_children()), dims, path + ".")
                layers.extend(inner)
                continue
            made, dims = self.layer(module, dims, path, last and prefix == "")
            layers.extend(made)
        return layers, dims

    def layer(self, m, dims, where, last):
        if isinstance(m, Residual):
            return self.residual(m, dims, where)
        if isinstance(m, nn.Conv2d):
            return self.conv(m, dims, where)
        if isinstance(m, (nn.BatchNorm2d, nn.BatchNorm1d)):
            return self.batch_norm(m, dims, where)
        if isinstance(m, nn.Linear):
            return self.linear(m, dims, where)
        if isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)):
            return self.pool(m, dims, where)
        if isinstance(m, nn.AdaptiveAvgPool2d):
            size = m.output_size if isinstance(m.output_size, tuple) else (m.output_size,) * 2
            if tuple(size) != (1, 1):
                self.fail(where, m, f"with output_size {m.output_size} is not supported; only 1"
                          " (global average pooling)")
            self.require_image(m, dims, where)
            self.name("gap")
            return [{"type": "global_average_pool"}], _Dims(1, 1, dims.c, True, 4, None,
                                                              dims.nonnegative)
        if isinstance(m, nn.Flatten):
            if m.start_dim != 1 or m.end_dim != -1:
                self.fail(where, m, f"with start_dim {m.start_dim}, end_dim {m.end_dim} is not"
                          " supported; only nn.Flatten() (start_dim 1, end_dim -1)")
            if dims.flat:
                # Already flat in the tool (after global average pooling, or twice flattened).
                return [], _Dims(1, 1, dims.c, True, 2, dims.order, dims.nonnegative)
            self.name("flatten")
            order = np.arange(dims.size()).reshape(dims.c, dims.h, dims.w).transpose(1, 2, 0)
            return [{"type": "flatten"}], _Dims(1, 1, dims.size(), True, 2, order.reshape(-1),
                                                dims.nonnegative)
        if isinstance(m, nn.Dropout):
            self.name("dropout")
            return [{"type": "dropout", "rate": float(m.p)}], dims
        if isinstance(m, nn.Identity):
            return [], dims
        if isinstance(m, (nn.Softmax, nn.LogSoftmax)):
            if not last:
                self.fail(where, m, "is only supported as the last module (it is dropped: the"
                          " tool takes logits)")
            return [], dims
        activation = self.activation(m, where)
        if activation is not None:
            self.name("act")
            return [{"type": activation}], dims.with_sign(activation in ("relu", "sigmoid",
                                                                        "softplus"))
        self.fail(where, m, f"is not supported; supported: {SUPPORTED}")

    def activation(self, m, where):
        if isinstance(m, nn.ReLU):
            return "relu"
        if isinstance(m, nn.Tanh):
            return "tanh"
        if isinstance(m, nn.Sigmoid):
            return "sigmoid"
        if isinstance(m, nn.ELU):
            if m.alpha != 1.0:
                self.fail(where, m, f"with alpha {m.alpha} is not supported; only alpha 1")
            return "elu"
        if isinstance(m, nn.Softplus):
            if m.beta != 1:
                self.fail(where, m, f"with beta {m.beta} is not supported; only beta 1")
            return "softplus"
        return None

    def require_image(self, m, dims, where):
        if dims.flat:
            self.fail(where, m, f"needs an image but gets the flat {dims} (after global average"
                      " pooling or a Flatten); the tool's layers after them are flat")

    # ------------------------------------------------------------------ layers with tensors

    def conv(self, m, dims, where):
        self.require_image(m, dims, where)
        if m.groups != 1 or tuple(m.dilation) != (1, 1):
            self.fail(where, m, f"with groups {m.groups} and dilation {tuple(m.dilation)} is not"
                      " supported; only groups 1, dilation 1")
        if m.padding_mode != "zeros":
            self.fail(where, m, f"with padding_mode '{m.padding_mode}' is not supported; only"
                      " zero padding")
        if m.in_channels != dims.c:
            self.fail(where, m, f"has in_channels {m.in_channels} but its input is {dims}"
                      " (is input_shape right?)")
        (kh, kw), (sh, sw) = tuple(m.kernel_size), tuple(m.stride)
        pads = _conv_pads(m.padding, kh, kw)
        axes = [(dims.h, kh, sh, pads[0]), (dims.w, kw, sw, pads[1])]
        outs = [(size + b + a - k) // s + 1 for size, k, s, (b, a) in axes]
        if min(outs) < 1:
            self.fail(where, m, f"with kernel {(kh, kw)} does not fit its input {dims}")
        layers = []
        if all(b == 0 and a == 0 for _, _, _, (b, a) in axes):
            padding = "valid"
        elif all(_same_matches(size, k, s, b, out) for (size, k, s, (b, _)), out in zip(axes, outs)):
            padding = "same"
        else:
            padding = "valid"
            self.name("pad")
            (top, bottom), (left, right) = pads
            layers.append({"type": "zero_pad", "top": top, "bottom": bottom, "left": left,
                           "right": right})
        name = self.name("conv")
        layers.append({"type": "conv2d", "name": name, "filters": m.out_channels,
                       "kernel_height": kh, "kernel_width": kw, "stride_height": sh,
                       "stride_width": sw, "padding": padding, "bias": m.bias is not None})
        weight = m.weight.detach().cpu().numpy()
        self.tensor(self.parameters, name + ".kernel", weight.transpose(2, 3, 1, 0),
                    where + ".weight")
        if m.bias is not None:
            self.tensor(self.parameters, name + ".bias", m.bias.detach().cpu().numpy(),
                        where + ".bias")
        return layers, _Dims(outs[0], outs[1], m.out_channels, False, 4)

    def batch_norm(self, m, dims, where):
        if not m.track_running_stats or m.running_mean is None:
            self.fail(where, m, "has track_running_stats=False: evaluated, it normalizes with each"
                      " batch's statistics, which a frozen model cannot; train with running"
                      " statistics")
        if isinstance(m, nn.BatchNorm1d) and not dims.flat:
            self.fail(where, m, f"gets the image {dims}; BatchNorm1d is supported on flat"
                      " features ([N, C]) only")
        if isinstance(m, nn.BatchNorm2d) and dims.torch_rank != 4:
            self.fail(where, m, "gets a flat input; use BatchNorm1d after a Flatten")
        if m.num_features != dims.c:
            self.fail(where, m, f"has {m.num_features} features but its input is {dims}")
        momentum = m.momentum
        if momentum is None:
            warnings.warn(f"position {where}: BatchNorm momentum None (a cumulative average) has"
                          " no TensorFlow equivalent; exported with TensorFlow momentum 0.9"
                          " (PyTorch's default 0.1), which only matters if the tool trains it")
            momentum = 0.1
        if not 0 < momentum <= 1:
            self.fail(where, m, f"has momentum {momentum}; the tool needs 0 < momentum <= 1")
        name = self.name("bn")
        order = dims.order
        pick = (lambda v: v) if order is None else (lambda v: v[order])
        if m.affine:
            self.tensor(self.parameters, name + ".gamma", pick(m.weight.detach().cpu().numpy()),
                        where + ".weight")
            self.tensor(self.parameters, name + ".beta", pick(m.bias.detach().cpu().numpy()),
                        where + ".bias")
        self.tensor(self.state, name + ".moving_mean", pick(m.running_mean.detach().cpu().numpy()),
                    where + ".running_mean")
        self.tensor(self.state, name + ".moving_variance",
                    pick(m.running_var.detach().cpu().numpy()), where + ".running_var")
        return [{"type": "batch_norm", "name": name, "epsilon": float(m.eps),
                 "momentum": 1.0 - float(momentum), "center": bool(m.affine),
                 "scale": bool(m.affine)}], dims.with_sign(False)

    def linear(self, m, dims, where):
        if not dims.flat or dims.torch_rank != 2:
            self.fail(where, m, f"gets {dims} values that PyTorch holds as a rank-"
                      f"{dims.torch_rank} tensor; put an nn.Flatten() before it")
        if m.in_features != dims.c:
            self.fail(where, m, f"has in_features {m.in_features} but its input has {dims.c}"
                      " values (is input_shape right?)")
        name = self.name("dense")
        kernel = m.weight.detach().cpu().numpy().T  # [in (PyTorch's order), out]
        if dims.order is not None:
            kernel = kernel[dims.order]  # row t of the tool's kernel: PyTorch's input order[t]
        self.tensor(self.parameters, name + ".kernel", kernel, where + ".weight")
        if m.bias is not None:
            self.tensor(self.parameters, name + ".bias", m.bias.detach().cpu().numpy(),
                        where + ".bias")
        return ([{"type": "dense", "name": name, "units": m.out_features,
                  "bias": m.bias is not None}],
                _Dims(1, 1, m.out_features, True, 2))

    def pool(self, m, dims, where):
        self.require_image(m, dims, where)
        kind = "max_pool" if isinstance(m, nn.MaxPool2d) else "average_pool"
        k, s, p = (_pair(m.kernel_size), _pair(m.stride if m.stride is not None else m.kernel_size),
                   _pair(m.padding))
        if k[0] != k[1] or s[0] != s[1]:
            self.fail(where, m, f"has kernel {k} and stride {s}; only square windows and equal"
                      " strides are supported")
        if isinstance(m, nn.MaxPool2d):
            if _pair(m.dilation) != (1, 1) or m.return_indices:
                self.fail(where, m, "with dilation or return_indices is not supported")
        elif m.divisor_override is not None:
            self.fail(where, m, "with divisor_override is not supported")
        include_pad = isinstance(m, nn.AvgPool2d) and m.count_include_pad
        options = []
        outs = []
        after = []
        for size, pad in ((dims.h, p[0]), (dims.w, p[1])):
            out = _pool_out(size, k[0], s[0], pad, m.ceil_mode)
            outs.append(out)
            allowed = set()
            if pad == 0 and out == (size - k[0]) // s[0] + 1:
                allowed.add("valid")
            if _same_matches(size, k[0], s[0], pad, out) and (
                    pad == 0 or kind == "max_pool" or not include_pad):
                allowed.add("same")
            if kind == "average_pool" and include_pad and out == (size + 2 * pad - k[0]) // s[0] + 1:
                allowed.add("zero_pad")
                after.append(pad)
            elif kind == "max_pool" and dims.nonnegative:
                # PyTorch pads a max pool with -inf; on values >= 0 zeros give the same maxima.
                # Pad after as far as PyTorch's last window reaches (ceil_mode may reach further).
                bottom = max((out - 1) * s[0] + k[0] - size - pad, 0)
                if (size + pad + bottom - k[0]) // s[0] + 1 == out:
                    allowed.add("zero_pad")
                    after.append(bottom)
            options.append(allowed)
        common = options[0] & options[1]
        choice = next((c for c in ("valid", "same", "zero_pad") if c in common), None)
        if choice is None:
            self.fail(where, m, f"with kernel {k[0]}, stride {s[0]}, padding {p} and ceil_mode"
                      f" {m.ceil_mode} on a {dims.h}x{dims.w} input has no exact TensorFlow"
                      " equivalent (its windows or divisors differ from 'same' and 'valid'"
                      + ("" if kind == "average_pool" or dims.nonnegative else
                         ", and its input may be negative, so zeros cannot pad it") + ");"
                      " use padding 0 and a kernel that tiles the input")
        layers = []
        if choice == "zero_pad":
            self.name("pad")
            layers.append({"type": "zero_pad", "top": p[0], "bottom": after[0], "left": p[1],
                           "right": after[1]})
            choice = "valid"
        self.name("maxpool" if kind == "max_pool" else "avgpool")
        layers.append({"type": kind, "size": k[0], "stride": s[0], "padding": choice})
        return layers, _Dims(outs[0], outs[1], dims.c, False, 4, None, dims.nonnegative)

    def residual(self, m, dims, where):
        self.name("block")
        body, body_dims = self.walk(_children(m.body), dims, where + ".body.")
        shortcut, shortcut_dims = [], dims
        if m.shortcut is not None:
            shortcut, shortcut_dims = self.walk(_children(m.shortcut), dims, where + ".shortcut.")
        if not body_dims.same_as(shortcut_dims):
            self.fail(where, m, f"adds a body of {body_dims} to a shortcut of {shortcut_dims};"
                      " they must have the same shape (and the same flattening order)")
        return ([{"type": "residual", "skip": True, "body": body, "shortcut": shortcut}],
                body_dims.with_sign(body_dims.nonnegative and shortcut_dims.nonnegative))


def _children(module):
    if isinstance(module, nn.Sequential):
        return list(module.named_children())
    return [("", module)]


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def _conv_pads(padding, kh, kw):
    """PyTorch's (before, after) padding of each axis of a convolution."""
    if padding == "valid":
        return (0, 0), (0, 0)
    if padding == "same":
        # PyTorch pads k - 1 in all, the smaller half before (as TensorFlow at stride 1).
        return ((kh - 1) // 2, kh - 1 - (kh - 1) // 2), ((kw - 1) // 2, kw - 1 - (kw - 1) // 2)
    ph, pw = _pair(padding)
    return (ph, ph), (pw, pw)


def _same_matches(size, k, s, before, out):
    """Whether TensorFlow's 'same' has PyTorch's windows: the same count, starting as far out."""
    same_out = -(-size // s)
    total = max((same_out - 1) * s + k - size, 0)
    return out == same_out and total // 2 == before


def _pool_out(size, k, s, p, ceil_mode):
    """PyTorch's pooled length (its rule: a last window must start inside the input or left pad)."""
    span = size + 2 * p - k
    if span < 0:
        return 0
    if not ceil_mode:
        return span // s + 1
    out = -(-span // s) + 1
    if (out - 1) * s >= size + p:
        out -= 1
    return out


def export(model, folder, input_shape, classes, name=None):
    """Writes `model` (an nn.Sequential, or a Residual) to `folder` as loss-landscape-network/1.

    Args:
      model: the network; exported with its current weights and running statistics.
      folder: created if missing; model.json and weights/<tensor>.npy are (over)written.
      input_shape: (height, width, channels) of one input example.
      classes: the number of logits the model ends with.
      name: the network's name in the tool (default: the folder's name).

    Returns:
      [(tool tensor, PyTorch tensor), ...]: where each exported tensor came from, e.g.
      ("conv0.kernel", "0.weight").

    Raises:
      ExportError: one line naming the module and position the tool cannot represent exactly.
    """
    folder = pathlib.Path(folder)
    h, w, c = (int(v) for v in input_shape)
    if not isinstance(model, (nn.Sequential, Residual)):
        raise ExportError(
            f"export takes an nn.Sequential (or a Residual), got {type(model).__name__}; build"
            " the model as nn.Sequential(...) and its residual blocks with export_pytorch.Residual")
    exporter = _Exporter()
    modules = list(model.named_children()) if isinstance(model, nn.Sequential) else [("0", model)]
    first = modules[0][1] if modules else None
    if h == w == 1 and isinstance(first, (nn.Linear, nn.BatchNorm1d)):
        start = _Dims(1, 1, c, True, 2)  # a flat feature vector, [N, c] in PyTorch
    else:
        start = _Dims(h, w, c, False, 4)
    layers, out = exporter.walk(modules, start, "")
    if not out.flat or out.c != classes:
        raise ExportError(
            f"the model ends with {out} values per example; it must end with {classes} logits"
            " (a Linear of `classes` outputs)")
    name = name or folder.name
    (folder / "weights").mkdir(parents=True, exist_ok=True)

    def entries(tensors):
        out_entries = []
        for tensor_name, array in tensors:
            np.save(folder / "weights" / f"{tensor_name}.npy", array)
            out_entries.append({"name": tensor_name, "shape": list(array.shape),
                                "file": f"weights/{tensor_name}.npy"})
        return out_entries

    description = {
        "format": FORMAT,
        "name": name,
        "architecture": name,
        "input_shape": [h, w, c],
        "classes": int(classes),
        "network": {"name": name, "layers": layers},
        "parameters": entries(exporter.parameters),
        "state": entries(exporter.state),
    }
    (folder / "model.json").write_text(json.dumps(description, indent=1) + "\n")
    return exporter.sources


def _load(args):
    if args.factory:
        module_name, _, function = args.factory.partition(":")
        model = getattr(importlib.import_module(module_name), function)()
        if args.state_dict:
            model.load_state_dict(torch.load(args.state_dict, map_location="cpu"))
        return model
    if args.state_dict:
        raise SystemExit("--state-dict needs --factory to build the model it fills")
    # A whole pickled module: its classes must be importable here, and unpickling runs code, so
    # only load files you trust.
    return torch.load(args.model, map_location="cpu", weights_only=False)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Export a PyTorch nn.Sequential as a loss-landscape model folder"
                    " (model.json + weights/*.npy) for `loss-landscape landscape --weights`.",
        epilog="Supported modules: " + SUPPORTED + ". See the module docstring for details.")
    parser.add_argument("model", nargs="?", help="a model saved whole with torch.save(model, path)")
    parser.add_argument("out", help="the folder to write")
    parser.add_argument("--factory", help="module:function that returns the nn.Sequential"
                        " (instead of MODEL), e.g. mypackage.nets:make_cnn")
    parser.add_argument("--state-dict", help="weights to load into the factory's model")
    parser.add_argument("--input-shape", required=True,
                        help="height,width,channels of one example, e.g. 28,28,1")
    parser.add_argument("--classes", required=True, type=int, help="number of logits")
    parser.add_argument("--name", help="the network's name (default: the folder's name)")
    args = parser.parse_args(argv)
    if (args.model is None) == (args.factory is None):
        parser.error("give either MODEL or --factory")
    shape = tuple(int(v) for v in args.input_shape.split(","))
    if len(shape) != 3:
        parser.error("--input-shape takes height,width,channels")
    model = _load(args).eval()
    try:
        sources = export(model, args.out, shape, args.classes, args.name)
    except ExportError as e:
        print(f"export_pytorch: {e}", file=sys.stderr)
        return 1
    for tool_name, torch_name in sources:
        print(f"{tool_name:32} <- {torch_name}")
    return 0


if __name__ == "__main__":
    # Run as a script, this file is __main__; a model pickled with export_pytorch.Residual refers
    # to the importable module, so run that one's main (this folder is on sys.path) to share its
    # classes.
    import export_pytorch

    sys.exit(export_pytorch.main())
