using System.Text.RegularExpressions;
using Crisis.Ingestion.Charting;
using Crisis.Reporting.WritingPostMortems;

namespace Crisis.Reporting.Tests.WritingPostMortems;

public class When_the_curve_is_drawn
{
    private static readonly DateTimeOffset From = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static int SharePoints(string svg) =>
        Regex.Matches(svg, "<polyline class=\"share\" points=\"([^\"]*)\"").Sum(m => m.Groups[1].Value.Split(' ').Length)
        + Regex.Count(svg, "class=\"share-dot\"");

    [Test]
    public void The_negative_share_is_drawn_only_where_enough_mentions_were_scored()
    {
        // A quiet brand: one post a bucket, all negative, then a loud stretch of 20 scored a bucket.
        var quiet = Enumerable.Range(0, 10).Select(i => new SeriesPoint(From.AddMinutes(i), 1, 1, 1));
        var loud = Enumerable.Range(10, 5).Select(i => new SeriesPoint(From.AddMinutes(i), 20, 20, 8));
        var series = new BrandSeriesResult("quietco", From, From.AddMinutes(15), 1, [.. quiet, .. loud]);

        var svg = CurveChart.Svg(series, []);

        Assert.That(SharePoints(svg), Is.EqualTo(5), "only the five buckets with 20 scored mentions carry a share point");
        Assert.That(svg, Does.Contain($"where {CurveChart.MinScoredForShare}+ were scored"));
    }
}
