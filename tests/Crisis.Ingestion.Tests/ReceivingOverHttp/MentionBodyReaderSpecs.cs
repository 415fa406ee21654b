using System.Text;
using Crisis.Ingestion.ReceivingOverHttp;

namespace Crisis.Ingestion.Tests.ReceivingOverHttp;

public class When_reading_a_request_body
{
    private const string Good = """{"platform":"x","postId":"1","brandId":"acme","author":{"handle":"a"},"text":"t","publishedAt":"2026-11-27T10:00:00Z"}""";

    [Test]
    public void It_reads_ndjson_with_line_numbers_skipping_blank_lines()
    {
        var items = MentionBodyReader.Read(Encoding.UTF8.GetBytes($"{Good}\n\n{Good}\r\n"));

        Assert.That(items.Select(i => i.Line), Is.EqualTo(new[] { 1, 3 }));
        Assert.That(items.All(i => i.Mention is { PostId: "1" }), Is.True);
    }

    [Test]
    public void It_reads_a_json_array_numbering_items_by_position()
    {
        var items = MentionBodyReader.Read(Encoding.UTF8.GetBytes($"\uFEFF [ {Good}, {Good.Replace("\"1\"", "\"2\"", StringComparison.Ordinal)} ]"));

        Assert.That(items.Select(i => (i.Line, i.Mention?.PostId)), Is.EqualTo(new[] { (1, "1"), (2, "2") }));
    }

    [Test]
    public void A_line_with_invalid_utf8_costs_only_itself()
    {
        var body = new List<byte>();
        body.AddRange(Encoding.UTF8.GetBytes(Good + "\n"));
        body.AddRange(Encoding.UTF8.GetBytes(Good[..^30]));
        body.AddRange(new byte[] { 0xC3, 0x28 });
        body.AddRange(Encoding.UTF8.GetBytes(Good[^30..] + "\n" + Good));

        var items = MentionBodyReader.Read(body.ToArray());

        Assert.That(items, Has.Count.EqualTo(3));
        Assert.That(items[0].Mention, Is.Not.Null);
        Assert.That(items[1].ParseError, Is.EqualTo(new Crisis.Ingestion.Recording.ItemError(2, "$", "is not valid UTF-8")));
        Assert.That(items[2].Mention, Is.Not.Null);
    }

    [Test]
    public void A_wrongly_typed_field_is_named()
    {
        var item = MentionBodyReader.ParseItem(Encoding.UTF8.GetBytes("""{"author":{"handle":"a","followers":"many"}}"""), 4);

        Assert.That(item.ParseError?.Field, Is.EqualTo("author.followers"));
        Assert.That(item.ParseError?.Reason, Is.EqualTo("has the wrong type"));
    }

    [Test]
    public void A_line_that_is_not_an_object_is_rejected()
    {
        var items = MentionBodyReader.Read("null\n42\n{\"text\":"u8.ToArray());

        Assert.That(items.Select(i => i.ParseError?.Line), Is.EqualTo(new int?[] { 1, 2, 3 }));
        Assert.That(items.All(i => i.Mention is null), Is.True);
    }

    [Test]
    public void A_broken_array_is_refused_as_a_whole()
    {
        Assert.That(() => MentionBodyReader.Read(Encoding.UTF8.GetBytes($"[{Good}, {{\"text\": ]")),
            Throws.TypeOf<MentionBodyReader.MalformedBodyException>().With.Message.Contains("nothing in this request was stored"));
    }
}
