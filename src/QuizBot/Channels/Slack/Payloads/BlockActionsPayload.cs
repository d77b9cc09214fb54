using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuizBot.Channels.Slack;

// The interaction payload Slack posts (form field "payload") when someone clicks a Block Kit button. A click in a
// message has Channel and Message; a click in the App Home tab has View and a container of type "view" instead.
internal sealed record BlockActionsPayload(
    string? Type,
    SlackUserRef? User,
    SlackTeamRef? Team,
    SlackEnterpriseRef? Enterprise,
    string? ApiAppId,
    SlackContainer? Container,
    string? TriggerId,
    SlackChannelRef? Channel,
    SlackMessageRef? Message,
    SlackViewRef? View,
    string? ResponseUrl,
    IReadOnlyList<SlackAction>? Actions,
    JsonElement? State)
{
    public const string BlockActions = "block_actions";
    public const string ViewSubmission = "view_submission";

    // The channel and message hold the same ids as the container; either may be missing (ephemeral messages carry no
    // message, Home clicks no channel), so read whichever is there.
    [JsonIgnore]
    public string? ChannelId => Channel?.Id ?? Container?.ChannelId;

    [JsonIgnore]
    public string? MessageTs => Message?.Ts ?? Container?.MessageTs;

    [JsonIgnore]
    public string? TeamId => Team?.Id ?? User?.TeamId;

    [JsonIgnore]
    public SlackAction? FirstAction => Actions is [var first, ..] ? first : null;
}

internal sealed record SlackUserRef(string? Id, string? Username, string? Name, string? TeamId);

internal sealed record SlackTeamRef(string? Id, string? Domain);

internal sealed record SlackEnterpriseRef(string? Id, string? Name);

// Where the clicked element lives: type "message" (with MessageTs, ChannelId, IsEphemeral) or "view" (with ViewId).
internal sealed record SlackContainer(string? Type, string? MessageTs, string? ChannelId, bool? IsEphemeral, string? ViewId);

internal sealed record SlackChannelRef(string? Id, string? Name);

// Blocks is the message as it stands (JSON kept as sent): the way to rebuild it for replace_original.
internal sealed record SlackMessageRef(string? Ts, string? Text, string? User, string? BotId, JsonElement? Blocks);

// State: a modal's inputs as submitted (view_submission): values.{block_id}.{action_id}.{value | selected_option}.
internal sealed record SlackViewRef(string? Id, string? Type, string? CallbackId, string? PrivateMetadata, string? Hash, JsonElement? State = null);

// One element's action. Value is what the button was built with (at most 2,000 characters); a select sends
// SelectedOption instead.
internal sealed record SlackAction(
    string? ActionId,
    string? BlockId,
    string? Value,
    string? Type,
    string? ActionTs,
    SlackText? Text,
    SlackOption? SelectedOption);

internal sealed record SlackOption(SlackText? Text, string? Value);

internal sealed record SlackText(string? Type, string? Text);
