"""Request bodies for one model: the same deterministic image as a v2 JSON tensor, a PNG, and a multipart batch."""
import json
import os
import random
import struct
import zlib

BOUNDARY = "mixguard-bench-boundary"
MULTIPART_IMAGES = 32


def pixels(channels, height, width, seed=7):
    """Deterministic 8-bit pixels in HWC order (what a PNG holds)."""
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(channels * height * width))


def png(data, channels, height, width):
    """A PNG (8-bit grey or RGB, no filter) of HWC pixels."""
    stride = channels * width
    raw = b"".join(b"\x00" + data[y * stride:(y + 1) * stride] for y in range(height))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    colour = 0 if channels == 1 else 2
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def v2_json(data, channels, height, width, name):
    """A v2 infer body with one FP32 image in [0, 1], CHW order, flat."""
    chw = [data[(y * width + x) * channels + c] / 255.0
           for c in range(channels) for y in range(height) for x in range(width)]
    return json.dumps({"inputs": [{"name": name, "shape": [1, channels, height, width], "datatype": "FP32",
                                   "data": [round(v, 6) for v in chw]}]}).encode()


def multipart(image, count=MULTIPART_IMAGES):
    """A multipart/form-data body with `count` parts named "image"."""
    part = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"i.png\"\r\n"
            "Content-Type: image/png\r\n\r\n").encode() + image + b"\r\n"
    return part * count + f"--{BOUNDARY}--\r\n".encode()


def write(folder, channels, height, width, input_name):
    """Writes v2.json, one.png and multipart.bin into `folder`; returns {scenario: (path, content type, images)}."""
    os.makedirs(folder, exist_ok=True)
    data = pixels(channels, height, width)
    image = png(data, channels, height, width)
    files = {
        "v2-json": ("v2.json", "application/json", 1, v2_json(data, channels, height, width, input_name)),
        "v1-png": ("one.png", "image/png", 1, image),
        "v1-multipart-32": ("multipart.bin", f"multipart/form-data; boundary={BOUNDARY}", MULTIPART_IMAGES,
                            multipart(image)),
    }
    out = {}
    for scenario, (file, ctype, images, body) in files.items():
        path = os.path.join(folder, file)
        with open(path, "wb") as f:
            f.write(body)
        out[scenario] = (path, ctype, images)
    return out
