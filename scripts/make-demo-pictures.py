#!/usr/bin/env python3
"""Makes the pictures bundled with stagefeed (run once; the files are committed): an
illustration for each demo artist that has a hero image (Resources/demo/images/, served
to the demo source in place of images.riverbend.example) and the default theme's social
card image (Themes/default/assets/social.png, 1200x630). Needs Pillow:
pip install pillow==13.0.0"""
import colorsys
import hashlib
import json
import pathlib
import random

from PIL import Image, ImageDraw, ImageFilter

resources = pathlib.Path(__file__).resolve().parent.parent / "Sources/StagefeedCore/Resources"


def portrait(seed, size=480):
    rng = random.Random(seed)
    hue = rng.random()
    top = tuple(int(c * 255) for c in colorsys.hls_to_rgb(hue, 0.32, 0.55))
    bottom = tuple(int(c * 255) for c in colorsys.hls_to_rgb((hue + 0.08) % 1, 0.12, 0.5))
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):
        t = y / (size - 1)
        draw.line([(0, y), (size, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    # Stage lights.
    glow = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    lights = ImageDraw.Draw(glow)
    for _ in range(3):
        x = rng.randint(40, size - 40)
        lights.polygon([(x, 0), (x - 90, size), (x + 90, size)], fill=(255, 240, 200, 38))
    glow = glow.filter(ImageFilter.GaussianBlur(12))
    image.paste(glow, (0, 0), glow)
    draw = ImageDraw.Draw(image)
    # A performer: head, shoulders, and a microphone or an instrument's neck.
    ink = (18, 16, 22)
    cx = size // 2 + rng.randint(-60, 60)
    draw.ellipse([cx - 52, 150, cx + 52, 262], fill=ink)
    draw.rounded_rectangle([cx - 120, 275, cx + 120, size + 40], radius=90, fill=ink)
    if rng.random() < 0.5:
        draw.line([(cx + 95, 200), (cx + 95, size)], fill=(60, 60, 66), width=6)
        draw.ellipse([cx + 80, 180, cx + 110, 215], fill=(90, 90, 96))
    else:
        draw.line([(cx - 150, 420), (cx + 150, 250)], fill=(120, 80, 40), width=14)
    # Stage floor.
    draw.rectangle([0, size - 36, size, size], fill=(10, 10, 12))
    return image


artists = json.loads((resources / "demo/artists.json").read_text())["data"]
for artist in artists:
    url = artist.get("hero_image_url")
    if not url:
        continue
    name = url.rsplit("/", 1)[1]
    seed = int(hashlib.sha256(artist["id"].encode()).hexdigest()[:8], 16)
    portrait(seed).save(resources / "demo/images" / name, quality=72, optimize=True, progressive=True)

# The theme's social card: a timetable's blocks on the night sky.
card = Image.new("RGB", (1200, 630), (18, 19, 24))
draw = ImageDraw.Draw(card)
rng = random.Random(7)
columns = 5
for column in range(columns):
    x = 90 + column * 210
    y = 70
    while y < 560:
        height = rng.choice([60, 90, 120, 150])
        if y + height > 560:
            break
        colour = rng.choice([(143, 184, 255), (255, 209, 102), (30, 39, 55), (231, 238, 249)])
        draw.rounded_rectangle([x, y, x + 180, y + height - 12], radius=14, fill=colour)
        y += height
draw.rectangle([0, 600, 1200, 630], fill=(11, 87, 163))
card.save(resources / "Themes/default/assets/social.png", optimize=True)
