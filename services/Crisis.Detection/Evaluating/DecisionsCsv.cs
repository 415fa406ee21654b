using System.Globalization;
using Crisis.Detection.Detecting;

namespace Crisis.Detection.Evaluating;

/// <summary>
/// Writes a run as <c>timestamp,value,anomaly_score,alert</c>: one line per input row, in input order,
/// timestamp and value echoed as written, alert 1 only on rows where the detector pages.
/// </summary>
public static class DecisionsCsv
{
    public const string Header = "timestamp,value,anomaly_score,alert";

    public static void Write(TextWriter writer, IReadOnlyList<SeriesRow> rows, IReadOnlyList<BuzzDecision> decisions)
    {
        if (rows.Count != decisions.Count) throw new ArgumentException("one decision per row is needed", nameof(decisions));
        writer.WriteLine(Header);
        for (var i = 0; i < rows.Count; i++)
        {
            writer.Write(rows[i].TimestampText);
            writer.Write(',');
            writer.Write(rows[i].ValueText);
            writer.Write(',');
            writer.Write(decisions[i].AnomalyScore.ToString("0.######", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(decisions[i].IsAlert ? '1' : '0');
        }
    }
}
