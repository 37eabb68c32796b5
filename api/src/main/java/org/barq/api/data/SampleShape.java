package org.barq.api.data;

import org.barq.api.InvalidInputException;

/**
 * The shape of one sample as a network sees it, {@code C x H x W}, channel-major as PyTorch lays out images. A flat
 * feature vector of {@code d} values is {@code d x 1 x 1}: a dense layer reads any shape as its {@link #size()}
 * values in this order, so the shape matters only to convolutions and pooling.
 *
 * @param channels {@code C}, at least 1
 * @param height   {@code H}, at least 1
 * @param width    {@code W}, at least 1
 */
public record SampleShape(int channels, int height, int width) {

    /** Validates that every extent is positive and the product fits an int. */
    public SampleShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new InvalidInputException("sample shape " + channels + "x" + height + "x" + width
                    + " has an empty extent. Maybe give C,H,W as three positive integers?");
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new InvalidInputException("sample shape " + channels + "x" + height + "x" + width
                    + " holds more values than barq can index.");
        }
    }

    /** @return the shape of a flat vector of {@code d} features */
    public static SampleShape flat(int d) {
        return new SampleShape(d, 1, 1);
    }

    /**
     * @param text {@code C,H,W} (e.g. {@code 3,32,32}), as {@code --input-shape} takes it
     * @return the shape
     * @throws InvalidInputException naming the text when it is not three positive integers
     */
    public static SampleShape parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length == 3) {
            try {
                return new SampleShape(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
                        Integer.parseInt(parts[2].strip()));
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new InvalidInputException("input shape '" + text + "' is not C,H,W. Maybe 1,28,28 or 3,32,32?");
    }

    /** @return {@code C * H * W}, the number of features */
    public int size() {
        return channels * height * width;
    }

    /** @return whether this is an image ({@code H} or {@code W} above 1) rather than a flat vector */
    public boolean isImage() {
        return height > 1 || width > 1;
    }

    /** @return {@code CxHxW}, e.g. {@code 1x28x28} */
    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
