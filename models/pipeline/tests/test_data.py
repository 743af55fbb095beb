import gzip
import os

import numpy as np
import pytest

from mgpipe import data


def test_idx_round_trip_keeps_shape_and_values():
    array = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    assert np.array_equal(data.parse_idx(data.encode_idx(array)), array)


def test_idx_header_is_big_endian_with_type_and_rank():
    blob = data.encode_idx(np.zeros((1000, 28, 28), dtype=np.uint8))
    assert blob[:4] == bytes([0, 0, 0x08, 3])
    assert blob[4:8] == (1000).to_bytes(4, "big")


def test_idx_rejects_bad_magic_type_and_length():
    with pytest.raises(ValueError, match="magic"):
        data.parse_idx(b"\x01\x00\x08\x01\x00\x00\x00\x01\x00")
    with pytest.raises(ValueError, match="type 0x08"):
        data.parse_idx(b"\x00\x00\x0d\x01\x00\x00\x00\x01\x00\x00\x00\x00")
    with pytest.raises(ValueError, match="expected 3 data bytes"):
        data.parse_idx(b"\x00\x00\x08\x01\x00\x00\x00\x03\x01\x02")


def test_reads_gzipped_idx(tmp_path):
    array = np.array([[1, 2], [3, 4]], dtype=np.uint8)
    path = os.path.join(tmp_path, "x-idx2-ubyte.gz")
    with gzip.open(path, "wb") as f:
        f.write(data.encode_idx(array))
    assert np.array_equal(data.read_idx(path), array)


def test_debian_fashion_mnist_test_split_has_10000_labelled_images():
    images, labels = data.load_split("test")
    assert images.shape == (10000, 28, 28) and images.dtype == np.uint8
    assert sorted(set(labels.tolist())) == list(range(10))
    assert labels[0] == 9  # the first test image is an ankle boot


def test_augment_keeps_shape_and_pixel_range():
    import torch
    x = torch.rand(8, 1, 28, 28)
    out = data.augment(x, torch.Generator().manual_seed(0))
    assert out.shape == x.shape and float(out.min()) >= 0 and float(out.max()) <= 1
    assert not torch.equal(out, x)
