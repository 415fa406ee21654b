namespace Crisis.Ingestion.Scoring;

/// <summary>A view of sorted distinct slot indices and their values, valid until the thread's next featurization.</summary>
internal readonly ref struct FeatureSpan(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, ReadOnlySpan<float> signals)
{
    /// <summary>The dense counts of <see cref="MentionSignals"/>.</summary>
    public ReadOnlySpan<float> Signals { get; } = signals;

    public ReadOnlySpan<int> Indices { get; } = indices;

    public ReadOnlySpan<float> Values { get; } = values;
}

/// <summary>
/// Working memory of one thread's featurization, grown as needed and reused. N-gram counts are
/// L2-normalised so long and short mentions weigh alike; the few lexicon and intercept cues are added at
/// full strength after that, so that hundreds of character n-grams do not drown them.
/// </summary>
internal sealed class FeatureBuffer
{
    private uint[] ngramSlots = new uint[1024];
    private uint[] cueSlots = new uint[64];
    private char[] text = new char[512];
    private int[] ngramIndices = new int[1024];
    private float[] ngramValues = new float[1024];
    private int[] cueIndices = new int[64];
    private float[] cueValues = new float[64];
    private int[] indices = new int[1024];
    private float[] values = new float[1024];
    private readonly float[] signals = new float[MentionSignals.Count];
    private int ngramCount;
    private int cueCount;

    public Span<float> Signals => signals;

    public void Clear()
    {
        (ngramCount, cueCount) = (0, 0);
        Array.Clear(signals);
    }

    public void AddNgramSlot(uint slot) => Append(ref ngramSlots, ref ngramCount, slot);

    public void AddCueSlot(uint slot) => Append(ref cueSlots, ref cueCount, slot);

    /// <summary>" word word … ": character n-grams read the words only, as placeholders and emoji are whole features already.</summary>
    public ReadOnlySpan<char> WordsText(IReadOnlyList<string> tokens)
    {
        var length = 1;
        foreach (var token in tokens)
        {
            length += IsWord(token) ? token.Length + 1 : 0;
        }

        length = Math.Max(length, 2);
        if (text.Length < length)
        {
            text = new char[Math.Max(length, text.Length * 2)];
        }

        var at = 0;
        text[at++] = ' ';
        foreach (var token in tokens)
        {
            if (IsWord(token))
            {
                token.CopyTo(text.AsSpan(at));
                at += token.Length;
                text[at++] = ' ';
            }
        }

        if (at == 1)
        {
            text[at++] = ' ';
        }

        return text.AsSpan(0, at);
    }

    public FeatureSpan Finish()
    {
        var ngrams = Counted(ngramSlots, ngramCount, ref ngramIndices, ref ngramValues);
        var norm = 0f;
        for (var i = 0; i < ngrams; i++)
        {
            norm += ngramValues[i] * ngramValues[i];
        }

        norm = norm > 0 ? 1f / MathF.Sqrt(norm) : 0f;
        for (var i = 0; i < ngrams; i++)
        {
            ngramValues[i] *= norm;
        }

        var cues = Counted(cueSlots, cueCount, ref cueIndices, ref cueValues);
        var count = Merge(ngrams, cues);
        return new FeatureSpan(indices.AsSpan(0, count), values.AsSpan(0, count), signals);
    }

    private static bool IsWord(string token) => token.Length > 0 && token[0] != '<';

    private static void Append(ref uint[] slots, ref int count, uint slot)
    {
        if (count == slots.Length)
        {
            Array.Resize(ref slots, slots.Length * 2);
        }

        slots[count++] = slot;
    }

    /// <summary>Sorts the slots and turns repeats into sub-linear counts: the tenth "very" adds less than the first.</summary>
    private static int Counted(uint[] slots, int count, ref int[] distinct, ref float[] weights)
    {
        Array.Sort(slots, 0, count);
        if (distinct.Length < count)
        {
            distinct = new int[slots.Length];
            weights = new float[slots.Length];
        }

        var written = 0;
        for (var i = 0; i < count;)
        {
            var j = i;
            while (j < count && slots[j] == slots[i])
            {
                j++;
            }

            distinct[written] = (int)slots[i];
            weights[written++] = 1f + MathF.Log(j - i);
            i = j;
        }

        return written;
    }

    private int Merge(int ngrams, int cues)
    {
        if (indices.Length < ngrams + cues)
        {
            indices = new int[(ngrams + cues) * 2];
            values = new float[(ngrams + cues) * 2];
        }

        int i = 0, j = 0, written = 0;
        while (i < ngrams || j < cues)
        {
            if (j == cues || (i < ngrams && ngramIndices[i] < cueIndices[j]))
            {
                (indices[written], values[written]) = (ngramIndices[i], ngramValues[i++]);
            }
            else if (i == ngrams || cueIndices[j] < ngramIndices[i])
            {
                (indices[written], values[written]) = (cueIndices[j], cueValues[j++]);
            }
            else
            {
                (indices[written], values[written]) = (ngramIndices[i], ngramValues[i++] + cueValues[j++]);
            }

            written++;
        }

        return written;
    }
}
