using System.Text;
using Crisis.Ingestion.ReadingFiles;
using Crisis.Ingestion.Recording;

namespace Crisis.Ingestion.Tests.ReadingFiles;

public class When_reading_a_mention_file
{
    private static async Task<List<IReadOnlyList<IntakeItem>>> ReadAsync(string path, string content, int chunkSize)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var chunks = new List<IReadOnlyList<IntakeItem>>();
        await foreach (var chunk in MentionFileReader.ReadChunksAsync(stream, path, chunkSize, CancellationToken.None)) chunks.Add(chunk);
        return chunks;
    }

    [Test]
    public async Task Ndjson_comes_in_chunks_of_the_requested_size()
    {
        var lines = string.Join("\n", Enumerable.Range(1, 7).Select(i => $$"""{"postId":"{{i}}"}"""));

        var chunks = await ReadAsync("m.ndjson", lines, chunkSize: 3);

        Assert.That(chunks.Select(c => c.Count), Is.EqualTo(new[] { 3, 3, 1 }));
        Assert.That(chunks.SelectMany(c => c).Select(i => i.Mention?.PostId), Is.EqualTo(Enumerable.Range(1, 7).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public async Task Csv_handles_quotes_commas_and_line_breaks_inside_fields()
    {
        const string csv = "platform,post_id,brand_id,author_handle,author_followers,text,published_at\n" +
                           "x,1,acme,\"bob, jr\",10,\"he said \"\"no\"\"\nthen left\",2026-11-27T10:00:00Z\n" +
                           "x,2,acme,al,,plain,2026-11-27T10:00:00Z\n";

        var items = (await ReadAsync("m.csv", csv, 100)).SelectMany(c => c).ToList();

        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items[0].Mention!.Author!.Handle, Is.EqualTo("bob, jr"));
        Assert.That(items[0].Mention!.Text, Is.EqualTo("he said \"no\"\nthen left"));
        Assert.That(items[1].Line, Is.EqualTo(4), "the second record starts on the fourth physical line");
        Assert.That(items[1].Mention!.Author!.Followers, Is.Null);
    }

    [Test]
    public async Task A_csv_row_with_a_bad_number_or_field_count_is_rejected_alone()
    {
        const string csv = "platform,post_id,brand_id,author_handle,author_followers,text,published_at\n" +
                           "x,1,acme,bob,lots,t,2026-11-27T10:00:00Z\n" +
                           "x,2,acme\n" +
                           "x,3,acme,al,1,t,2026-11-27T10:00:00Z\n";

        var items = (await ReadAsync("m.csv", csv, 100)).SelectMany(c => c).ToList();

        Assert.That(items.Select(i => i.ParseError?.Field), Is.EqualTo(new[] { "author.followers", "$", null }));
    }

    [Test]
    public void A_csv_without_required_columns_is_refused()
    {
        Assert.That(async () => await ReadAsync("m.csv", "platform,text\nx,t\n", 10),
            Throws.TypeOf<MentionCsvReader.MalformedCsvException>().With.Message.Contains("post_id"));
    }
}
