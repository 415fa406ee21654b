using Crisis.Detection.Detecting;

namespace Crisis.Detection.Evaluating;

/// <summary>Runs a <see cref="BuzzDetector"/> over a whole series, row by row: the live code path, replayed.</summary>
public static class SeriesRunner
{
    /// <summary>One decision per row, in row order.</summary>
    public static BuzzDecision[] Run(IReadOnlyList<SeriesRow> rows, DetectorOptions options)
    {
        var detector = new BuzzDetector(options);
        var decisions = new BuzzDecision[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            try
            {
                decisions[i] = detector.Observe(new BuzzBucket(row.Timestamp, row.Value, row.Negative));
            }
            catch (ArgumentException e)
            {
                // Two rows in one bucket, typically: name the line rather than the detector's internals.
                throw new SeriesFormatException($"line {row.Line}: field 'timestamp' {row.TimestampText}: {e.Message}", e);
            }
        }
        return decisions;
    }
}
