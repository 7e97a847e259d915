#!/usr/bin/env python3
"""Makes the small sample pictures the image header tests read (run once; the files are
committed). Needs Pillow 13 (with WebP and AVIF support): pip install pillow==13.0.0"""
from PIL import Image, ImageDraw


def picture(width, height, mode="RGB"):
    image = Image.new(mode, (width, height), (200, 60, 40) if mode == "RGB" else (200, 60, 40, 128))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width // 2, height // 2], fill=(20, 90, 160) if mode == "RGB" else (20, 90, 160, 255))
    return image


picture(40, 30).save("baseline.jpg", quality=80)
picture(33, 21).save("progressive.jpg", quality=80, progressive=True)
exif = Image.Exif()
exif[0x0112] = 6  # shown turned a quarter clockwise: 30 wide, 40 high
picture(40, 30).save("rotated.jpg", quality=80, exif=exif.tobytes())
picture(17, 9).save("image.png")
picture(13, 7).convert("P").save("image.gif")
picture(21, 11).save("lossy.webp", quality=70)
picture(19, 23).save("lossless.webp", lossless=True)
picture(25, 15, "RGBA").save("alpha.webp", quality=70)
picture(24, 16).save("image.avif", quality=60)
with open("baseline.jpg", "rb") as source:
    data = source.read()
with open("truncated.jpg", "wb") as target:
    target.write(data[:20])
with open("not-an-image.svg", "w") as target:
    target.write('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n')
