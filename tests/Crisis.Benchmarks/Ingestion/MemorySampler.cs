using System.Diagnostics;
using System.Globalization;

namespace Crisis.Benchmarks.Ingestion;

/// <summary>Samples the process's resident set every 250 ms, to show whether memory stays flat under sustained load.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly List<long> samples = [];
    private readonly Timer timer;

    public MemorySampler() => timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        lock (samples) samples.Add(process.WorkingSet64);
    }

    public void Stop() => timer.Change(Timeout.Infinite, Timeout.Infinite);

    public string Describe()
    {
        long[] copy;
        lock (samples) copy = [.. samples];
        if (copy.Length < 4) return "too short to sample";
        static string MiB(long b) => (b / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";
        var quarter = copy.Length / 4;
        return $"{MiB(copy[quarter])} at 25% of the run, {MiB(copy[2 * quarter])} at 50%, {MiB(copy[3 * quarter])} at 75%, {MiB(copy[^1])} at the end ({copy.Length} samples)";
    }

    public static double PeakRssMiB()
    {
        // VmHWM is the kernel's own high-water mark of resident memory.
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public void Dispose() => timer.Dispose();
}
