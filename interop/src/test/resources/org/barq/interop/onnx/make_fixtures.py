"""Writes the ONNX fixtures of OnnxImporterTest with PyTorch (Debian's python3-torch): small networks as
torch.onnx.export writes them, the logits PyTorch computes for a fixed batch, and files barq must refuse.

Run from this folder: /usr/bin/python3 make_fixtures.py  (the outputs are committed; the tests need no Python)."""
import json

import torch

torch.manual_seed(0)


class Scale(torch.nn.Module):
    """Multiplies (or divides) the raw input by a constant: barq reads it as the input scale."""

    def __init__(self, k, divide=False):
        super().__init__()
        self.k, self.divide = k, divide

    def forward(self, x):
        return x / self.k if self.divide else x * self.k


class ToImage(torch.nn.Module):
    def __init__(self, shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(-1, *self.shape)


class MatMulDense(torch.nn.Module):
    """x @ W + b written out, which exports as MatMul then Add rather than Gemm."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.w = torch.nn.Parameter(torch.randn(n_in, n_out) * 0.3)
        self.b = torch.nn.Parameter(torch.randn(n_out) * 0.1)

    def forward(self, x):
        return x @ self.w + self.b


class Normalise(torch.nn.Module):
    """(x - mean) / std, one value per feature or per channel: barq reads it as the input scaling."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)

    def forward(self, x):
        return (x - self.mean) / self.std


class ViewFlatten(torch.nn.Module):
    """x.view(x.size(0), -1): with a dynamic batch it exports as Shape, Gather, Unsqueeze, Concat, Reshape."""

    def forward(self, x):
        return x.view(x.size(0), -1)


class TwoInputs(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(4, 3)

    def forward(self, x, y):
        return self.lin(x + y)


def export(model, name, example, opset, fold=True):
    model.eval()
    torch.onnx.export(model, example, name, opset_version=opset, input_names=["x"], output_names=["logits"],
                      dynamic_axes={"x": {0: "n"}, "logits": {0: "n"}}, do_constant_folding=fold)


networks = {
    "mlp": (torch.nn.Sequential(Scale(1 / 16), torch.nn.Linear(64, 12), torch.nn.ReLU(), torch.nn.Linear(12, 10)),
            64, 13),
    "mlp_div_matmul": (torch.nn.Sequential(Scale(255.0, divide=True), MatMulDense(20, 8), torch.nn.ReLU(),
                                           MatMulDense(8, 4)), 20, 11),
    "cnn": (torch.nn.Sequential(Scale(1 / 16), ToImage((1, 8, 8)), torch.nn.Conv2d(1, 4, 3, padding=1),
                                torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Conv2d(4, 6, (2, 3), stride=2,
                                                                                        padding=1),
                                torch.nn.ReLU(), torch.nn.AvgPool2d(2, stride=1), torch.nn.Flatten(),
                                torch.nn.Linear(6 * 2 * 1, 10)), 64, 17),
}
expected = {}


def export_with_logits(networks, fold=True):
    for name, (model, shape, opset) in networks.items():
        shape = shape if isinstance(shape, tuple) else (shape,)
        x = torch.rand(5, *shape, generator=torch.Generator().manual_seed(1)) * 16
        export(model, name + ".onnx", torch.zeros(1, *shape), opset, fold)
        with torch.no_grad():
            expected[name] = {"inputs": x.reshape(5, -1).tolist(), "logits": model(x).tolist()}


export_with_logits(networks)

export(torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Sigmoid()), "unsupported_operator.onnx",
       torch.zeros(1, 4), 13)
model = TwoInputs().eval()
torch.onnx.export(model, (torch.zeros(1, 4), torch.zeros(1, 4)), "two_inputs.onnx", opset_version=13,
                  input_names=["x", "y"], output_names=["logits"])

# Added later: built after the files above, so that those keep the random weights they were made with.
export(torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.GELU(), torch.nn.Linear(3, 2)), "gelu.onnx",
       torch.zeros(1, 4), 13)
export_with_logits({
    "normalised_mlp": (torch.nn.Sequential(Normalise(torch.rand(20) * 8, 1 + torch.rand(20) * 4),
                                           torch.nn.Linear(20, 8), torch.nn.ReLU(), torch.nn.Linear(8, 4)), (20,), 13),
    "normalised_cnn": (torch.nn.Sequential(Normalise(torch.tensor([2.0, 8.0, 4.0]).reshape(1, 3, 1, 1),
                                                     torch.tensor([3.0, 5.0, 2.0]).reshape(1, 3, 1, 1)),
                                           torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                                           ViewFlatten(), torch.nn.Linear(4 * 2 * 2, 5)), (3, 4, 4), 11),
})


class ViewImage(torch.nn.Module):
    """x.view(x.size(0), C, H, W), or with -1 for the last extent: with a dynamic batch, Shape, Gather, Unsqueeze of
    each constant extent, Concat, Reshape."""

    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.view(x.size(0), *self.shape)


class FeaturesThenHead(torch.nn.Module):
    """head(features(x).view(x.size(0), -1)): the view's batch size is read from the input, not the features."""

    def __init__(self):
        super().__init__()
        self.features = torch.nn.Sequential(ToImage((1, 8, 8)), torch.nn.Conv2d(1, 3, 3), torch.nn.ReLU(),
                                            torch.nn.MaxPool2d(2))
        self.head = torch.nn.Linear(3 * 3 * 3, 4)

    def forward(self, x):
        return self.head(self.features(x).view(x.size(0), -1))


class Twice(torch.nn.Module):
    def forward(self, x):
        return torch.cat([x, x], 1)


class Square(torch.nn.Module):
    def forward(self, x):
        return x * x


# Added later again: the ways of writing a supported network that torch.onnx.export spells with more nodes.
export_with_logits({
    "view_nofold": (torch.nn.Sequential(Scale(1 / 16), ViewImage(1, 8, 8), torch.nn.Conv2d(1, 2, 3), torch.nn.ReLU(),
                                        ViewFlatten(), torch.nn.Linear(2 * 6 * 6, 3)), 64, 13),
    "nobias_nofold": (torch.nn.Sequential(torch.nn.Linear(6, 5, bias=False), torch.nn.ReLU(),
                                          torch.nn.Linear(5, 3, bias=False)), 6, 13),
}, fold=False)
export_with_logits({
    "flatten_first": (torch.nn.Sequential(torch.nn.Flatten(), Scale(1 / 16), torch.nn.Linear(6, 5), torch.nn.ReLU(),
                                          torch.nn.Linear(5, 3)), 6, 13),
    "view_minus_one": (torch.nn.Sequential(Scale(1 / 16), ViewImage(1, 8, -1), torch.nn.Conv2d(1, 2, 3),
                                           torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(2 * 6 * 6, 3)), 64, 13),
    "view_input_size": (FeaturesThenHead(), 64, 13),
})
export(torch.nn.Sequential(torch.nn.Linear(4, 3), Twice(), torch.nn.Linear(6, 2)), "concat_values.onnx",
       torch.zeros(1, 4), 13)
export(torch.nn.Sequential(torch.nn.Linear(4, 3), Square(), torch.nn.Linear(3, 2)), "square.onnx",
       torch.zeros(1, 4), 13)
export(torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2), torch.nn.Softmax(1)),
       "softmax.onnx", torch.zeros(1, 4), 13)
export(torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.BatchNorm1d(3), torch.nn.ReLU(), torch.nn.Linear(3, 2)),
       "batchnorm.onnx", torch.zeros(2, 4), 13)


class Recurrent(torch.nn.Module):
    """An LSTM over 2 steps of 4 features, its last state to 2 logits."""

    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(4, 3, batch_first=True)
        self.head = torch.nn.Linear(3, 2)

    def forward(self, x):
        return self.head(self.lstm(x.view(x.size(0), 2, 4))[0][:, -1])


export(Recurrent(), "lstm.onnx", torch.zeros(1, 8), 13)


def with_running_stats(bn):
    """A batch norm whose running statistics are not the identity's, so that folding it changes the weights."""
    bn.running_mean.uniform_(-0.5, 0.5)
    bn.running_var.uniform_(0.5, 2.0)
    return bn


# Eval-mode Dropout and a BatchNorm2d, which torch.onnx.export folds into the Conv before it, at the oldest opset
# barq reads and without constant folding.
export_with_logits({
    "batchnorm_dropout": (torch.nn.Sequential(Scale(1 / 16), ToImage((1, 8, 8)), torch.nn.Conv2d(1, 3, 3),
                                              with_running_stats(torch.nn.BatchNorm2d(3)), torch.nn.ReLU(),
                                              torch.nn.Dropout(0.3), torch.nn.Flatten(),
                                              torch.nn.Linear(3 * 6 * 6, 4)), 64, 11),
}, fold=False)

with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
