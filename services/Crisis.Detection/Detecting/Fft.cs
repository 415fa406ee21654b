namespace Crisis.Detection.Detecting;

/// <summary>
/// In-place iterative radix-2 complex FFT for one fixed power-of-two size, with twiddles and the
/// bit-reversal permutation computed once so a transform allocates nothing.
/// </summary>
internal sealed class Fft
{
    private readonly int size;
    private readonly int[] bitReversed;
    private readonly double[] cos;
    private readonly double[] sin;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), "must be a power of two");
        this.size = size;
        bitReversed = new int[size];
        var bits = System.Numerics.BitOperations.Log2((uint)size);
        for (var i = 0; i < size; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++) if ((i & (1 << b)) != 0) r |= 1 << (bits - 1 - b);
            bitReversed[i] = r;
        }
        cos = new double[size / 2];
        sin = new double[size / 2];
        for (var k = 0; k < size / 2; k++)
        {
            cos[k] = Math.Cos(-2 * Math.PI * k / size);
            sin[k] = Math.Sin(-2 * Math.PI * k / size);
        }
    }

    public int Size => size;

    /// <summary>Forward transform when <paramref name="inverse"/> is false; the inverse is scaled by 1/N.</summary>
    public void Transform(Span<double> re, Span<double> im, bool inverse)
    {
        for (var i = 0; i < size; i++)
        {
            var j = bitReversed[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        var sign = inverse ? -1.0 : 1.0;
        for (var half = 1; half < size; half <<= 1)
        {
            var step = size / (2 * half);
            for (var start = 0; start < size; start += 2 * half)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = cos[k * step];
                    var wi = sign * sin[k * step];
                    var a = start + k;
                    var b = a + half;
                    var tr = wr * re[b] - wi * im[b];
                    var ti = wr * im[b] + wi * re[b];
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
        if (inverse)
        {
            for (var i = 0; i < size; i++)
            {
                re[i] /= size;
                im[i] /= size;
            }
        }
    }
}
