"""Fashion-MNIST from Debian's IDX files (dataset-fashion-mnist), read without any download."""
import gzip
import os
import struct

import numpy as np
import torch

DATA_DIR = os.environ.get("MIXGUARD_FMNIST_DIR", "/usr/share/datasets/fashion-mnist")
LABELS = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
          "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
_FILES = {"train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
          "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")}
_DTYPES = {0x08: np.uint8}


def parse_idx(raw: bytes) -> np.ndarray:
    """Parses an IDX blob: two zero bytes, a type code, the rank, big-endian int32 dims, then the data."""
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise ValueError(f"expected IDX magic 00 00 <type> <rank>, found {raw[:4].hex()}")
    type_code, rank = raw[2], raw[3]
    if type_code not in _DTYPES:
        raise ValueError(f"expected IDX type 0x08 (uint8), found 0x{type_code:02x}")
    dims = struct.unpack(">" + "i" * rank, raw[4:4 + 4 * rank])
    count = int(np.prod(dims)) if dims else 1
    body = raw[4 + 4 * rank:]
    if len(body) != count:
        raise ValueError(f"expected {count} data bytes for dims {dims}, found {len(body)}")
    return np.frombuffer(body, dtype=_DTYPES[type_code]).reshape(dims)


def encode_idx(array: np.ndarray) -> bytes:
    """Writes a uint8 array as an IDX blob (the inverse of parse_idx)."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(">" + "i" * array.ndim, *array.shape)
    return header + array.tobytes()


def read_idx(path: str) -> np.ndarray:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return parse_idx(f.read())


def load_split(split: str, data_dir: str = DATA_DIR):
    """Returns (images uint8 [N,28,28], labels int64 [N]) for 'train' or 'test'."""
    images_file, labels_file = _FILES[split]
    images = read_idx(os.path.join(data_dir, images_file))
    labels = read_idx(os.path.join(data_dir, labels_file)).astype(np.int64)
    if len(images) != len(labels):
        raise ValueError(f"expected as many labels as images ({len(images)}), found {len(labels)}")
    return images, labels


def to_tensors(images: np.ndarray, labels: np.ndarray):
    """uint8 [N,28,28] -> float32 [N,1,28,28] in [0,1]; labels -> int64 tensor."""
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    return x, torch.from_numpy(labels)


def augment(x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Random horizontal flip and random crop with 2-pixel zero padding, per image."""
    n, device = x.shape[0], x.device
    flip = torch.rand(n, generator=generator, device=device) < 0.5
    x = torch.where(flip[:, None, None, None], x.flip(3), x)
    padded = torch.nn.functional.pad(x, (2, 2, 2, 2))
    dx = torch.randint(0, 5, (n,), generator=generator, device=device)
    dy = torch.randint(0, 5, (n,), generator=generator, device=device)
    h, w = x.shape[2], x.shape[3]
    rows = (dy[:, None] + torch.arange(h, device=device)[None, :])  # [n,h]
    cols = (dx[:, None] + torch.arange(w, device=device)[None, :])  # [n,w]
    idx_n = torch.arange(n, device=device)[:, None, None]
    return padded[idx_n, 0, rows[:, :, None], cols[:, None, :]].unsqueeze(1)
