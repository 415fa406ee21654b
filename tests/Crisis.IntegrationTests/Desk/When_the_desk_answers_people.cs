using System.Net;
using System.Text.Json;
using Crisis.CrisisCell.Notifying.Channels;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Desk;

public class When_the_desk_answers_people : DeskSpec
{
    private const string Brand = "deskacme";

    [SetUp]
    public Task RegisterBrandAsync()
    {
        run = Guid.NewGuid().ToString("N")[..8];
        return RegisterAsync(Brand);
    }

    /// <summary>Post ids are fresh per test: a conversation's id follows from its first post, and the receivers keep every call of the run.</summary>
    private string run = "";

    private string P(string postId) => $"{postId}-{run}";

    private async Task<string> OneQueuedQuestionAsync(string postId = "q1", string handle = "amina_dz")
    {
        await IngestAsync(Working, Post(Brand, P(postId), "Pourquoi ma commande n'est toujours pas arrivée ?", handle: handle));
        var queue = await EventuallyQueuedAsync(Brand, 1);
        return queue[0].GetProperty("conversationId").GetString()!;
    }

    [Test]
    public async Task A_question_enters_the_queue_and_a_thank_you_of_a_small_account_does_not()
    {
        await IngestAsync(Working,
            Post(Brand, P("q1"), "Pourquoi ma commande n'est toujours pas arrivée ?"),
            Post(Brand, P("t1"), "Merci pour la réponse rapide", sentiment: "positive", handle: "karim"),
            Post(Brand, P("big1"), "Nouvelle collection vue en magasin", followers: 250_000, sentiment: "neutral", handle: "influencer"));

        var queue = await EventuallyQueuedAsync(Brand, 2);

        var reasons = queue.EnumerateArray().ToDictionary(c => c.GetProperty("author").GetString()!, c => c.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToArray());
        Assert.That(queue.GetArrayLength(), Is.EqualTo(2), queue.ToString());
        Assert.That(reasons.Values, Has.Some.Contains("question"));
        Assert.That(reasons.Values, Has.Some.Contains("high_reach"));
        // The 250,000-follower author outranks the small account's question.
        Assert.That(queue[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()), Does.Contain("high_reach"));
        Assert.That(queue[0].GetProperty("latestText").GetString(), Is.EqualTo("Nouvelle collection vue en magasin"));
    }

    [Test]
    public async Task A_reply_joins_its_thread_instead_of_opening_another()
    {
        var id = await OneQueuedQuestionAsync();
        await IngestAsync(Working, Post(Brand, P("q2"), "Toujours rien, c'est inadmissible", replyTo: P("q1")));

        var conversation = await Eventually.ReturnsAsync(() => ConversationAsync(id), c => c.GetProperty("thread").GetArrayLength() == 2,
            because: "the reply to join the thread");

        Assert.That(conversation.GetProperty("thread")[1].GetProperty("replyTo").GetString(), Is.EqualTo(P("q1")));
        Assert.That(conversation.GetProperty("thread")[0].GetProperty("author").GetString(), Is.EqualTo("amina_dz"), "the handle is shown to the desk");
        Assert.That((await QueueAsync($"?brandId={Brand}")).GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Two_responders_never_answer_the_same_person()
    {
        var id = await OneQueuedQuestionAsync();

        var (claimed, _) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { minutes = 5 }, name: "alice");
        var (stolen, stolenProblem) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { }, name: "bob");
        var (answeredByBob, _) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", new { text = "Bonjour", language = "fr" }, name: "bob");
        var (releasedByBob, _) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/release", new { }, name: "bob");

        Assert.Multiple(() =>
        {
            Assert.That(claimed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stolen.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(stolen.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(stolenProblem.GetProperty("detail").GetString(), Does.Contain("claimed by alice"));
            Assert.That(answeredByBob.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(releasedByBob.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        });
        Assert.That(Receivers.Received.Where(r => r.Body.Contains(id, StringComparison.Ordinal)), Is.Empty, "nothing left the desk");
    }

    [Test]
    public async Task The_claim_on_one_thread_keeps_the_authors_other_threads_for_the_same_responder()
    {
        await IngestAsync(Working,
            Post(Brand, P("q1"), "Pourquoi ma commande n'est toujours pas arrivée ?"),
            Post(Brand, P("q9"), "Et pourquoi personne ne répond au téléphone ?"));
        var queue = await EventuallyQueuedAsync(Brand, 2);
        var first = queue[0].GetProperty("conversationId").GetString();
        var second = queue[1].GetProperty("conversationId").GetString();

        var (alice, _) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{first}/claim", new { }, name: "alice");
        var (bob, problem) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{second}/claim", new { }, name: "bob");
        var (aliceAgain, _) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{second}/claim", new { }, name: "alice");

        Assert.That(alice.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(bob.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("alice is answering this author"));
        Assert.That(aliceAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_answer_in_arabic_is_published_signed_recorded_with_its_link_and_leaves_the_queue()
    {
        var id = await OneQueuedQuestionAsync();
        await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { });

        var (response, body) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers",
            new { answerId = "ans-1", text = "نعتذر عن التأخير، راسلونا على الخاص من فضلكم", language = "ar", templateId = "builtin-apologise-ar" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("publicUrl").GetString(), Does.StartWith("https://x.example/acme/status/answer-"));
        var call = Receivers.Received.Single(r => r.Path.StartsWith("/publish/", StringComparison.Ordinal) && r.Body.Contains(id, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(call.Header(WebhookPayload.SignatureHeader), Is.EqualTo(WebhookPayload.Signature(call.Body, FakeDeskReceivers.Secret)));
            Assert.That(call.Header(WebhookPayload.IdempotencyHeader), Is.EqualTo("ans-1"));
            Assert.That(JsonDocument.Parse(call.Body).RootElement.GetProperty("answer").GetProperty("text").GetString(), Is.EqualTo("نعتذر عن التأخير، راسلونا على الخاص من فضلكم"));
            Assert.That(JsonDocument.Parse(call.Body).RootElement.GetProperty("answer").GetProperty("replyToPostId").GetString(), Is.EqualTo(P("q1")));
        });
        Assert.That(await EventTypesAsync(id), Is.EqualTo(new[] { "desk_conversation_opened", "desk_mention_joined_conversation", "desk_conversation_claimed", "desk_answer_sent" }));
        Assert.That((await QueueAsync($"?brandId={Brand}")).GetArrayLength(), Is.Zero, "answered conversations leave the queue");
        Assert.That((await QueueAsync($"?brandId={Brand}&status=Answered")).GetArrayLength(), Is.EqualTo(1));

        var (kpiResponse, kpis) = await SendAsync(HttpMethod.Get, $"/api/desk/kpis?brandId={Brand}", roles: "viewer");
        kpiResponse.Dispose();
        var overall = kpis.GetProperty("report").GetProperty("overall");
        Assert.Multiple(() =>
        {
            Assert.That(overall.GetProperty("answered").GetInt32(), Is.EqualTo(1), kpis.ToString());
            Assert.That(overall.GetProperty("coverage").GetDouble(), Is.EqualTo(1.0));
            Assert.That(kpis.GetProperty("report").GetProperty("by").GetProperty("responder").TryGetProperty("alice", out _), Is.True, kpis.ToString());
        });
    }

    [Test]
    public async Task A_reply_to_the_brands_answer_brings_the_conversation_back_to_the_queue()
    {
        var id = await OneQueuedQuestionAsync();
        await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { });
        var (_, answer) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", new { text = "Nous regardons", language = "fr" });
        var answerPost = answer.GetProperty("publicUrl").GetString()!.Split('/')[^1];

        await IngestAsync(Working, Post(Brand, P("q3"), "Merci mais j'attends toujours", replyTo: answerPost, sentiment: "neutral"));

        var back = await EventuallyQueuedAsync(Brand, 1);
        Assert.That(back[0].GetProperty("conversationId").GetString(), Is.EqualTo(id));
        Assert.That(back[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()), Does.Contain("reply_to_brand"));
    }

    [Test]
    public async Task A_publisher_that_keeps_failing_is_retried_shown_and_never_recorded_as_sent()
    {
        const string brand = "deskbroken";
        await RegisterAsync(brand, Broken);
        await IngestAsync(Broken, Post(brand, P("b1"), "Pourquoi personne ne répond ?"));
        var id = (await EventuallyQueuedAsync(brand, 1, Broken))[0].GetProperty("conversationId").GetString()!;
        await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { }, organisation: Broken);

        var (response, problem) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/answers", new { answerId = "try-1", text = "Bonjour", language = "fr" },
            organisation: Broken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), problem.ToString());
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("503").And.Contain("not recorded as sent"));
        Assert.That(Receivers.Received.Count(r => r.Path == $"/broken/{Broken}" && r.Body.Contains(id, StringComparison.Ordinal)), Is.EqualTo(4), "one try and three retries");
        var (eventsResponse, events) = await SendAsync(HttpMethod.Get, $"/api/desk/conversations/{id}/events", organisation: Broken, roles: "viewer");
        eventsResponse.Dispose();
        Assert.That(events.EnumerateArray().Select(e => e.GetProperty("type").GetString()), Does.Contain("desk_answer_publish_failed").And.Not.Contain("desk_answer_sent"));
        Assert.That((await QueueAsync($"?brandId={brand}", Broken)).GetArrayLength(), Is.EqualTo(1), "the person still waits");
    }

    [Test]
    public async Task A_handover_sends_the_case_to_customer_service_and_its_outcome_comes_back()
    {
        var id = await OneQueuedQuestionAsync();
        await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { });

        var (response, body) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/handovers",
            new { handoverId = "ho-1", promised = "Un remboursement sous 48 heures" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var call = Receivers.Received.Single(r => r.Path.StartsWith("/cases/", StringComparison.Ordinal) && r.Body.Contains(id, StringComparison.Ordinal));
        var sent = JsonDocument.Parse(call.Body).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(sent.GetProperty("author").GetString(), Is.EqualTo("amina_dz"));
            Assert.That(sent.GetProperty("promised").GetString(), Is.EqualTo("Un remboursement sous 48 heures"));
            Assert.That(sent.GetProperty("posts")[0].GetProperty("text").GetString(), Does.Contain("commande"));
            Assert.That(call.Header(WebhookPayload.SignatureHeader), Is.EqualTo(WebhookPayload.Signature(call.Body, FakeDeskReceivers.Secret)));
            Assert.That(body.GetProperty("caseReference").GetString(), Does.StartWith("CS-"));
        });

        var callback = sent.GetProperty("callback").GetProperty("path").GetString()!;
        var (outcome, outcomeBody) = await SendAsync(HttpMethod.Post, callback, new { outcome = "Resolved", note = "refunded" }, name: "cs-integration");
        var (unknown, unknownProblem) = await SendAsync(HttpMethod.Post, callback, new { outcome = "Escalated" }, name: "cs-integration");

        Assert.That(outcome.StatusCode, Is.EqualTo(HttpStatusCode.OK), outcomeBody.ToString());
        Assert.That((int)unknown.StatusCode, Is.EqualTo(400).Or.EqualTo(422), unknownProblem.ToString());
        Assert.That(unknownProblem.GetProperty("errors").TryGetProperty("outcome", out _), Is.True, unknownProblem.ToString());
        var conversation = await ConversationAsync(id);
        Assert.That(conversation.GetProperty("handovers")[0].GetProperty("outcome").GetString(), Is.EqualTo("Resolved"));
        Assert.That(conversation.GetProperty("conversation").GetProperty("status").GetString(), Is.EqualTo("HandedOver"));
    }

    [Test]
    public async Task No_answer_needed_takes_it_out_of_the_queue_with_the_reason()
    {
        var id = await OneQueuedQuestionAsync();
        await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/claim", new { });

        var (response, body) = await SendAsync(HttpMethod.Post, $"/api/desk/conversations/{id}/no-answer-needed", new { reason = "compte de spam" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That((await QueueAsync($"?brandId={Brand}")).GetArrayLength(), Is.Zero);
        Assert.That((await ConversationAsync(id)).GetProperty("noAnswerReason").GetString(), Is.EqualTo("compte de spam"));
    }
}
