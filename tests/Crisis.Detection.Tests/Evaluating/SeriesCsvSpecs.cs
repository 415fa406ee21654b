using Crisis.Detection.Evaluating;

namespace Crisis.Detection.Tests.Evaluating;

public class When_reading_a_series_file
{
    private static IReadOnlyList<SeriesRow> Read(string text) => SeriesCsv.Read(new StringReader(text), "test.csv");

    [Test]
    public void It_reads_volume_and_optional_negative_counts()
    {
        var rows = Read("timestamp,value,negative\n2015-03-01 00:00:53,12,3\n2015-03-01 00:05:53,0,0\n");
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0].Timestamp, Is.EqualTo(new DateTimeOffset(2015, 3, 1, 0, 0, 53, TimeSpan.Zero)));
        Assert.That(rows[0].Negative, Is.EqualTo(3));
        Assert.That(SeriesCsv.InferBucketSize(rows), Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [TestCase("time,value\n", "line 1")]
    [TestCase("timestamp,value\n2015-03-01 00:00:00,1\n2015-03-01 00:05:00,abc\n", "line 3: field 'value'")]
    [TestCase("timestamp,value\n2015-03-01 00:00:00,1\n03/01/2015,2\n", "line 3: field 'timestamp'")]
    [TestCase("timestamp,value\n2015-03-01 00:05:00,1\n2015-03-01 00:00:00,2\n", "line 3: field 'timestamp'")]
    [TestCase("timestamp,value\n2015-03-01 00:00:00,1,4\n", "line 2: expected 2 fields")]
    [TestCase("timestamp,value,negative\n2015-03-01 00:00:00,1,-4\n", "line 2: field 'negative'")]
    public void A_bad_file_is_refused_naming_line_and_field(string text, string expected)
    {
        var error = Assert.Throws<SeriesFormatException>(() => Read(text));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void The_bucket_size_is_the_most_common_gap()
    {
        var rows = Read("timestamp,value\n2015-03-01 00:00:00,1\n2015-03-01 00:01:00,1\n2015-03-01 00:05:00,1\n2015-03-01 00:06:00,1\n");
        Assert.That(SeriesCsv.InferBucketSize(rows), Is.EqualTo(TimeSpan.FromMinutes(1)));
    }
}
