using Microsoft.CodeAnalysis.CSharp;

namespace NanoLsp.Features.InlineCompletion;

/// <summary>
/// Cuts a suggestion to nanolsp.inlineCompletion.maxLength characters on a boundary a reader expects:
/// whole lines when a line break fits, else the end of a word or symbol. Never inside an identifier:
/// half a name is worse than no suggestion, so one that cannot be cut cleanly becomes empty.
/// </summary>
public static class SuggestionLength
{
    public static string Cut(string suggestion, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (suggestion.Length <= maxLength)
            return suggestion;

        // Whole lines: the last line break that fits, provided some code comes before it (a multi-line
        // answer after a block opener starts with its own line break).
        int lineBreak = suggestion.LastIndexOf('\n', maxLength);
        if (lineBreak > 0 && suggestion[..lineBreak].Trim().Length > 0)
            return suggestion[..lineBreak].TrimEnd();

        // Inside the first line: the last boundary between two characters that are not both part of a word.
        for (int end = maxLength; end > 0; end--)
        {
            if (!(SyntaxFacts.IsIdentifierPartCharacter(suggestion[end - 1]) && SyntaxFacts.IsIdentifierPartCharacter(suggestion[end])) && !char.IsHighSurrogate(suggestion[end - 1]))
            {
                string kept = suggestion[..end].TrimEnd();
                if (kept.Trim().Length > 0)
                    return kept;
            }
        }
        return "";
    }
}
