import { gifHeader, jpegHeader, pngHeader, webpHeader } from '../../test/support/images';
import { imageSize } from './image-size';

describe('imageSize', () => {
  it.each([
    ['png', pngHeader(640, 480)],
    ['gif', gifHeader(640, 480)],
    ['jpg', jpegHeader(640, 480)],
    ['webp', webpHeader(640, 480, 'VP8X')],
    ['webp', webpHeader(640, 480, 'VP8L')],
    ['webp', webpHeader(640, 480, 'VP8 ')],
  ] as const)('reads 640×480 from a %s header', (kind, bytes) => {
    expect(imageSize(kind, bytes)).toEqual({ width: 640, height: 480 });
  });

  it('reads the huge sizes a decompression bomb claims, so the caller can refuse them', () => {
    expect(imageSize('png', pngHeader(60_000, 60_000))).toEqual({ width: 60_000, height: 60_000 });
    expect(imageSize('jpg', jpegHeader(65_000, 65_000))).toEqual({ width: 65_000, height: 65_000 });
    expect(imageSize('webp', webpHeader(16_383, 16_383, 'VP8X'))).toEqual({ width: 16_383, height: 16_383 });
  });

  it('skips jpeg fill bytes and segments before the frame header, and ignores DHT (C4)', () => {
    const dht = Buffer.from([0xff, 0xc4, 0x00, 0x04, 0x00, 0x00]);
    const b = jpegHeader(10, 20);
    const withExtras = Buffer.concat([b.subarray(0, 2), dht, Buffer.from([0xff]), b.subarray(2)]);
    expect(imageSize('jpg', withExtras)).toEqual({ width: 10, height: 20 });
  });

  it('answers null for headers that are cut short, malformed, or claim a zero size', () => {
    expect(imageSize('png', pngHeader(1, 1).subarray(0, 20))).toBeNull();
    expect(imageSize('png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]))).toBeNull();
    expect(imageSize('png', pngHeader(0, 10))).toBeNull();
    expect(imageSize('jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
    expect(imageSize('jpg', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x00, 0x00]))).toBeNull();
    expect(imageSize('jpg', Buffer.from([0xff, 0xd8, 0x00, 0x00, 0x00, 0x00]))).toBeNull();
    expect(imageSize('gif', Buffer.from('GIF89a', 'latin1'))).toBeNull();
    expect(imageSize('webp', Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'), Buffer.alloc(20)]))).toBeNull();
  });
});
