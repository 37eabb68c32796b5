"""Golden values for FeatureMeasuresTest, computed the plain way (explicit pairs, explicit scatter matrices).

Run: /usr/bin/python3 features_golden.py   (numpy only). Paste the printed values into the test.
"""
import numpy as np

X = np.array([
    [0.0, 1.0, 5.0],
    [0.2, 0.5, 4.0],
    [1.0, 2.0, 4.5],
    [0.9, 0.0, 1.0],
    [3.0, 1.5, 0.0],
    [2.5, 3.0, 0.5],
    [2.0, 0.5, 2.0],
    [4.0, 2.5, 3.0],
])
y = np.array([0, 0, 0, 1, 1, 2, 2, 2])
C = 0.5
BITS = 2

mu = X.mean(axis=0)
tau = C * np.abs(X - mu).mean(axis=0)
binary = (X - mu > tau).astype(int)
ternary = (np.sign(X - mu) * (np.abs(X - mu) > tau)).astype(int)
lo, hi = X.min(axis=0), X.max(axis=0)
top = 2 ** BITS - 1
step = (hi - lo) / top
uniform = np.clip(np.floor((X - lo) / step + 0.5), 0, top).astype(int)


def centroid_error(codes):
    values = np.zeros_like(X)
    for j in range(X.shape[1]):
        for code in np.unique(codes[:, j]):
            rows = codes[:, j] == code
            values[rows, j] = X[rows, j].mean()
    return ((X - values) ** 2).mean()


def fisher(Z):
    m = Z.mean(axis=0)
    sb = np.zeros((Z.shape[1], Z.shape[1]))
    sw = np.zeros_like(sb)
    for c in np.unique(y):
        Zc = Z[y == c]
        mc = Zc.mean(axis=0)
        sb += len(Zc) * np.outer(mc - m, mc - m)
        sw += (Zc - mc).T @ (Zc - mc)
    return np.trace(sb) / np.trace(sw)


def distance_ratio(Z):
    d2 = ((Z[:, None, :] - Z[None, :, :]) ** 2).sum(axis=2)
    same = y[:, None] == y[None, :]
    distinct = ~np.eye(len(y), dtype=bool)
    return d2[~same].mean() / d2[same & distinct].mean()


np.set_printoptions(precision=17)
print("binary codes", binary.tolist())
print("ternary codes", ternary.tolist())
print("uniform codes", uniform.tolist())
print("binary error %.17g" % centroid_error(binary))
print("ternary error %.17g" % centroid_error(ternary))
print("uniform error %.17g" % ((X - (lo + uniform * step)) ** 2).mean())
print("fisher raw %.17g" % fisher(X))
print("distance ratio raw %.17g" % distance_ratio(X))
print("fisher binary %.17g" % fisher(binary.astype(float)))
print("distance ratio ternary %.17g" % distance_ratio(ternary.astype(float)))
