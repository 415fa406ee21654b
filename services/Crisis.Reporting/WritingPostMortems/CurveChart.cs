using System.Globalization;
using System.Text;
using Crisis.Ingestion.Charting;

namespace Crisis.Reporting.WritingPostMortems;

/// <summary>A moment drawn on the chart as a numbered vertical line; the legend under the chart says what each number is.</summary>
public sealed record ChartMark(int Number, DateTimeOffset At, string Label, string Kind);

/// <summary>
/// The brand's curve as inline SVG: volume as bars (left axis), negative share as a line (right axis, 0–100 %),
/// and numbered marks. No script, no external asset: the page prints and archives as it is.
/// </summary>
internal static class CurveChart
{
    private const double Width = 960, Height = 320, Left = 56, Right = 56, Top = 24, Bottom = 48;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    /// <summary>More bars than this would be thinner than a pixel: buckets are then merged for the drawing only.</summary>
    private const int MaxBars = 480;

    /// <summary>Scored mentions a share point needs to be drawn; the dashboard's chart uses the same figure.</summary>
    public const int MinScoredForShare = 10;

    public static string Svg(BrandSeriesResult series, IReadOnlyList<ChartMark> marks, ReportReader? reader = null)
    {
        var r = reader ?? ReportReader.Default;
        var groups = Merge(series.Points, series.BucketMinutes);
        var svg = new StringBuilder();
        svg.Append(F($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" direction=\"ltr\" aria-label=\"{Html.Escape(r.T("chart.label", ("brand", series.BrandId)))}\">"));
        if (groups.Count == 0)
        {
            svg.Append(F($"<text x=\"{Left}\" y=\"{Top + PlotHeight / 2}\">{Html.Escape(r.T("chart.empty"))}</text></svg>"));
            return svg.ToString();
        }
        var from = series.From;
        var span = Math.Max(1, (series.To - from).Ticks);
        double X(DateTimeOffset t) => Left + Math.Clamp((t - from).Ticks / (double)span, 0, 1) * PlotWidth;
        var max = Math.Max(1, groups.Max(g => g.Mentions));
        var barWidth = Math.Max(0.5, PlotWidth / groups.Count - 0.5);

        svg.Append(F($"<rect class=\"plot\" x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\"/>"));
        foreach (var g in groups)
        {
            var h = g.Mentions / (double)max * PlotHeight;
            svg.Append(F($"<rect class=\"bar\" x=\"{X(g.Bucket):0.##}\" y=\"{Top + PlotHeight - h:0.##}\" width=\"{barWidth:0.##}\" height=\"{h:0.##}\"><title>{Html.Escape(r.T("chart.bar", ("at", r.Stamp(g.Bucket, seconds: false)), ("mentions", g.Mentions), ("share", Share(g, r))))}</title></rect>"));
        }
        // The share line breaks where too little was scored: silence is not 0 % negative, and on a quiet brand one post
        // would swing it between 0 and 100 %.
        var line = new List<string>();
        foreach (var g in groups)
        {
            if (g.Scored < MinScoredForShare) { Flush(); continue; }
            line.Add(F($"{X(g.Bucket) + barWidth / 2:0.##},{Top + PlotHeight * (1 - (double)g.Negative / g.Scored):0.##}"));
        }
        Flush();

        foreach (var m in marks)
        {
            var x = X(m.At);
            svg.Append(F($"<g class=\"mark {m.Kind}\"><line x1=\"{x:0.##}\" y1=\"{Top}\" x2=\"{x:0.##}\" y2=\"{Top + PlotHeight}\"/>"));
            svg.Append(F($"<circle cx=\"{x:0.##}\" cy=\"{Top - 10}\" r=\"8\"/><text class=\"num\" x=\"{x:0.##}\" y=\"{Top - 6}\">{m.Number}</text>"));
            svg.Append(F($"<title>{m.Number}. {Html.Escape(m.Label)} ({r.Stamp(m.At, seconds: false)})</title></g>"));
        }
        svg.Append(F($"<text class=\"axis\" x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\">{max}</text>"));
        svg.Append(F($"<text class=\"axis\" x=\"{Left - 6}\" y=\"{Top + PlotHeight}\" text-anchor=\"end\">0</text>"));
        svg.Append(F($"<text class=\"axis share\" x=\"{Left + PlotWidth + 6}\" y=\"{Top + 4}\">100%</text>"));
        svg.Append(F($"<text class=\"axis share\" x=\"{Left + PlotWidth + 6}\" y=\"{Top + PlotHeight}\">0%</text>"));
        // The time axis's ends with their dates, in the reader's zone (named on each), on the posts' clock; the legend on a row of its own.
        svg.Append(F($"<text class=\"axis time\" x=\"{Left}\" y=\"{Height - 28}\">{Html.Escape(r.Stamp(series.From, seconds: false))}</text>"));
        svg.Append(F($"<text class=\"axis time\" x=\"{Left + PlotWidth}\" y=\"{Height - 28}\" text-anchor=\"end\">{Html.Escape(r.Stamp(series.To, seconds: false))}</text>"));
        svg.Append(F($"<text class=\"axis\" x=\"{Left + PlotWidth / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Html.Escape(r.T("chart.legend", ("minutes", groups[0].Minutes), ("scored", MinScoredForShare)))} · {Html.Escape(r.T("clock.event"))}</text>"));
        svg.Append("</svg>");
        return svg.ToString();

        void Flush()
        {
            if (line.Count > 1) svg.Append("<polyline class=\"share\" points=\"").Append(string.Join(' ', line)).Append("\"/>");
            else if (line.Count == 1) svg.Append("<circle class=\"share-dot\" r=\"2\" cx=\"").Append(line[0].Replace(",", "\" cy=\"", StringComparison.Ordinal)).Append("\"/>");
            line.Clear();
        }
    }

    private sealed record Group(DateTimeOffset Bucket, int Minutes, long Mentions, long Scored, long Negative);

    private static List<Group> Merge(IReadOnlyList<SeriesPoint> points, int bucketMinutes)
    {
        if (points.Count == 0) return [];
        var size = (points.Count + MaxBars - 1) / MaxBars;
        var minutes = bucketMinutes * size;
        return [.. points.Chunk(size).Select(c => new Group(c[0].Bucket, minutes, c.Sum(p => p.Mentions), c.Sum(p => p.Scored), c.Sum(p => p.Negative)))];
    }

    private static string Share(Group g, ReportReader r) => g.Scored == 0 ? r.T("chart.notScored") : r.Language.Localise(((double)g.Negative / g.Scored).ToString("0%", CultureInfo.InvariantCulture));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
