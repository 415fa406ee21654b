namespace Crisis.Detection.Detecting;

/// <summary>
/// Fixed-capacity ring of the most recent values with their running sum. Preallocated once: pushing never
/// allocates. The sum is recomputed exactly on every wrap so floating-point drift stays bounded.
/// </summary>
internal sealed class RollingWindow
{
    private readonly double[] values;
    private int next;
    private int count;
    private double sum;

    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        values = new double[capacity];
    }

    public int Capacity => values.Length;

    public int Count => count;

    public double Sum => sum;

    public bool IsFull => count == values.Length;

    /// <summary>The stored values in storage order (not time order): for order-free statistics without index arithmetic.</summary>
    public ReadOnlySpan<double> Unordered => values.AsSpan(0, count);

    /// <summary>The value pushed <paramref name="age"/> pushes ago (0 = the newest).</summary>
    public double this[int age] => values[(next - 1 - age + 2 * values.Length) % values.Length];

    public void Push(double value)
    {
        if (count == values.Length) sum -= values[next];
        else count++;
        values[next] = value;
        sum += value;
        next++;
        if (next == values.Length)
        {
            next = 0;
            if (count == values.Length) sum = ExactSum();
        }
    }

    /// <summary>Sum of the newest <paramref name="n"/> values.</summary>
    public double SumOfNewest(int n)
    {
        n = Math.Min(n, count);
        var total = 0.0;
        for (var age = 0; age < n; age++) total += this[age];
        return total;
    }

    /// <summary>Copies the values, oldest first, into <paramref name="destination"/>; returns how many.</summary>
    public int CopyOldestFirst(Span<double> destination)
    {
        for (var i = 0; i < count; i++) destination[i] = this[count - 1 - i];
        return count;
    }

    public void Clear()
    {
        Array.Clear(values);
        next = 0;
        count = 0;
        sum = 0;
    }

    private double ExactSum()
    {
        var total = 0.0;
        foreach (var value in values) total += value;
        return total;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(values.Length);
        writer.Write(next);
        writer.Write(count);
        writer.Write(sum);
        foreach (var value in values) writer.Write(value);
    }

    public void ReadState(BinaryReader reader)
    {
        SnapshotFormat.Expect(reader.ReadInt32(), values.Length, "rolling window capacity");
        next = reader.ReadInt32();
        count = reader.ReadInt32();
        sum = reader.ReadDouble();
        for (var i = 0; i < values.Length; i++) values[i] = reader.ReadDouble();
    }
}
