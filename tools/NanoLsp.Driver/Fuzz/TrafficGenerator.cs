using System.Text;
using System.Text.Json.Nodes;

namespace NanoLsp.Driver.Fuzz;

/// <summary>
/// A seeded generator of LSP traffic for the real server: sessions of well-formed requests on real
/// documents mixed with everything an editor (or a broken one) may send — random methods and params,
/// wrong types, positions past the end, huge and binary payloads, invalid UTF-8, lone UTF-16 surrogates,
/// lifecycle out of order, requests after shutdown, storms of didChange with bad ranges, cancels of
/// unknown ids, broken frames. The same seed and folder give the same messages (replay a failure with
/// its seed). It keeps a shadow of each open document's text so that most positions and edits are
/// plausible and reach the deep code paths, not only the parameter checks.
/// </summary>
public sealed class TrafficGenerator
{
    private static readonly string[] DocumentRequests =
    [
        "textDocument/hover", "textDocument/completion", "textDocument/codeAction", "textDocument/diagnostic",
        "textDocument/inlineCompletion", "nanolsp/inlineCompletion", "textDocument/documentHighlight",
    ];

    private static readonly string[] OtherMethods =
    [
        "textDocument/definition", "textDocument/references", "workspace/symbol", "textDocument/formatting", "nanolsp/nothing",
        "$/unknownNotification", "", " ", "initialize/extra", "textDocument/hover/", "TEXTDOCUMENT/HOVER",
    ];

    private readonly FuzzValues _values;
    private readonly string _folder;
    private readonly string? _project;
    private readonly IReadOnlyList<string> _files;
    private readonly Dictionary<string, string> _open = [];
    private readonly Dictionary<string, int> _versions = [];
    private readonly List<long> _recentIds = [];
    private long _nextId = 1_000_000;

    public TrafficGenerator(int seed, string folder)
    {
        _values = new FuzzValues(new Random(seed));
        _folder = Path.GetFullPath(folder);
        _files = Directory.EnumerateFiles(_folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (_files.Count == 0)
            throw new ArgumentException($"The fuzz folder {folder} has no .cs files.");
        _project = Directory.EnumerateFiles(_folder, "*.csproj").Order(StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>One server process's traffic: before initialize, the lifecycle, <paramref name="bodyMessages"/> random messages, an ending.</summary>
    public IEnumerable<FuzzMessage> Session(int bodyMessages, Func<bool>? stop = null)
    {
        _open.Clear();
        _versions.Clear();
        _recentIds.Clear();
        for (var i = _values.Random.Next(3); i > 0; i--)
            yield return _values.Chance(0.5) ? DocumentRequest(valid: true) : Notification("textDocument/didOpen", OpenParams(Pick(_files)));
        yield return Request("initialize", InitializeParams());
        if (_values.Chance(0.1))
            yield return Request("initialize", InitializeParams()); // twice: InvalidRequest
        yield return Notification("initialized", new JsonObject());
        for (var i = 0; i < 3; i++)
            yield return Open(Pick(_files));

        for (var i = 0; i < bodyMessages && stop?.Invoke() != true;)
        {
            foreach (var message in Next())
            {
                i++;
                yield return message;
            }
        }

        switch (_values.Random.Next(10))
        {
            case < 6:
                yield return Request("shutdown", null, "shutdown");
                for (var i = _values.Random.Next(4); i > 0; i--)
                    yield return _values.Chance(0.5) ? DocumentRequest(valid: true) : Request("shutdown", null, "shutdown again");
                yield return Notification("textDocument/didChange", ChangeParams(Pick(_files), valid: true));
                yield return new FuzzMessage("exit", FuzzSend.Exit, Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"exit"}"""), Id: 0);
                break;
            case < 8:
                yield return new FuzzMessage("exit without shutdown", FuzzSend.Exit, Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"exit"}"""), Id: 1);
                break;
            default:
                yield return new FuzzMessage("stdin closed", FuzzSend.CloseInput, []);
                break;
        }
    }

    /// <summary>The next message (a few for the kinds that come in bursts).</summary>
    private IEnumerable<FuzzMessage> Next()
    {
        var roll = _values.Random.Next(1000);
        switch (roll)
        {
            case < 300:
                yield return DocumentRequest(valid: true);
                break;
            case < 360:
                yield return DocumentRequest(valid: false);
                break;
            case < 420:
                yield return WrongTypes();
                break;
            case < 460:
                yield return _values.Chance(0.5)
                    ? Request(Pick(OtherMethods), _values.AnyJson())
                    : Notification(Pick(OtherMethods), _values.AnyJson());
                break;
            case < 640:
                yield return Typing();
                break;
            case < 680:
                // A storm: many changes, some with bad ranges or stale versions, some to closed documents.
                for (var i = _values.Random.Next(5, 40); i > 0; i--)
                    yield return Notification("textDocument/didChange", ChangeParams(Pick(_files), valid: _values.Chance(0.6)));
                break;
            case < 720:
                yield return OpenCloseOrSave();
                break;
            case < 780:
                yield return Cancel();
                break;
            case < 800:
                yield return Notification("workspace/didChangeConfiguration", new JsonObject { ["settings"] = Settings() });
                break;
            case < 810:
                // Now and then the project file: a reload, off the request queue, while the traffic goes on.
                var changed = _project is not null && _values.Chance(0.2) ? _project : Path.Combine(_folder, "Ghost" + _values.Random.Next(5) + ".cs");
                yield return Notification("workspace/didChangeWatchedFiles", new JsonObject
                {
                    ["changes"] = new JsonArray(new JsonObject { ["uri"] = Uri(changed), ["type"] = _values.Random.Next(0, 5) }),
                });
                break;
            case < 830:
                yield return Request(Pick(["codeAction/resolve", "completionItem/resolve"]), _values.AnyJson());
                break;
            case < 842:
                foreach (var message in Huge())
                    yield return message;
                break;
            case < 850:
                yield return Request("initialize", InitializeParams(), "initialize again");
                break;
            case < 900:
                foreach (var message in BrokenFrame())
                    yield return message;
                break;
            default:
                yield return BadEnvelope();
                break;
        }
    }

    private FuzzMessage DocumentRequest(bool valid)
    {
        var method = Pick(DocumentRequests);
        var path = _open.Count > 0 && _values.Chance(0.85) ? Pick(_open.Keys.ToList()) : Pick(_files);
        var text = TextOf(path);
        var parameters = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = _values.Chance(0.03) ? Pick(["untitled:x", "file:///nowhere/Ghost.cs", "%%", ""]) : Uri(path) } };
        var position = valid ? _values.Position(text) : _values.BadPosition(text);
        switch (method)
        {
            case "textDocument/codeAction":
                parameters["range"] = new JsonObject { ["start"] = position, ["end"] = valid ? _values.Position(text) : _values.BadPosition(text) };
                // Automatic (2) at an empty range is where the caret settled: the model reads the place.
                parameters["context"] = new JsonObject
                {
                    ["diagnostics"] = new JsonArray(), ["only"] = _values.Chance(0.3) ? new JsonArray("quickfix") : null,
                    ["triggerKind"] = _values.Chance(0.5) ? 2 : 1,
                };
                break;
            case "textDocument/diagnostic":
                if (_values.Chance(0.3))
                    parameters["previousResultId"] = _values.Chance(0.5) ? "1" : _values.Text(2);
                // The providers a registering client pulls, an unknown one, or none.
                if (_values.Chance(0.5))
                    parameters["identifier"] = _values.Random.Next(3) switch { 0 => "nanolsp-compiler", 1 => "nanolsp-analyzers", _ => _values.Text(2) };
                break;
            case "textDocument/completion":
                parameters["position"] = position;
                if (_values.Chance(0.5))
                    parameters["context"] = new JsonObject { ["triggerKind"] = _values.Random.Next(0, 5), ["triggerCharacter"] = "." };
                break;
            default:
                parameters["position"] = position;
                if (method.Contains("inline", StringComparison.Ordinal))
                    parameters["context"] = new JsonObject { ["triggerKind"] = _values.Chance(0.9) ? 2 : _values.Random.Next(-1, 4) };
                break;
        }
        return Request(method, parameters, valid ? method : method + " (bad position)");
    }

    /// <summary>A request whose params (or a field of them) have the wrong type.</summary>
    private FuzzMessage WrongTypes()
    {
        var method = Pick(DocumentRequests.Concat(["textDocument/didChange", "textDocument/didOpen", "textDocument/didClose", "$/cancelRequest", "workspace/didChangeConfiguration"]).ToList());
        JsonNode? parameters;
        if (_values.Chance(0.4))
            parameters = _values.AnyJson();
        else
        {
            var obj = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri(Pick(_files)) }, ["position"] = FuzzValues.Position(0, 0) };
            obj[Pick(["textDocument", "position", "context", "range", "contentChanges"])] = _values.AnyJson();
            parameters = obj;
        }
        return method.StartsWith("textDocument/did", StringComparison.Ordinal) || method.StartsWith("$/", StringComparison.Ordinal) || method.StartsWith("workspace/", StringComparison.Ordinal)
            ? Notification(method, parameters, method + " (wrong types)")
            : Request(method, parameters, method + " (wrong types)");
    }

    /// <summary>One keystroke in an open document, as an editor sends it (versions increase, ranges valid).</summary>
    private FuzzMessage Typing()
    {
        var path = _open.Count > 0 ? Pick(_open.Keys.ToList()) : Pick(_files);
        if (!_open.ContainsKey(path))
            return Open(path);
        return Notification("textDocument/didChange", ChangeParams(path, valid: true), "typing");
    }

    private JsonObject ChangeParams(string path, bool valid)
    {
        var text = TextOf(path);
        var version = _versions.GetValueOrDefault(path) + 1;
        JsonObject change;
        if (valid && _values.Chance(0.03))
        {
            var replaced = _values.Chance(0.5) ? text + "\n" + _values.Text() : _values.Text(20);
            change = new JsonObject { ["text"] = replaced };
            Commit(path, replaced, version);
        }
        else if (valid)
        {
            var (start, end, startOffset, endOffset) = Span(text);
            var typed = _values.Chance(0.7) || endOffset == startOffset ? _values.Typed() : "";
            change = new JsonObject { ["range"] = new JsonObject { ["start"] = start, ["end"] = end }, ["text"] = typed };
            if (!typed.Contains('\u00a7'))
                Commit(path, text[..startOffset] + typed + text[endOffset..], version);
        }
        else
        {
            var (start, end, _, _) = Span(text);
            change = _values.Random.Next(5) switch
            {
                0 => new JsonObject { ["range"] = new JsonObject { ["start"] = end, ["end"] = start }, ["text"] = "reversed" },
                1 => new JsonObject { ["range"] = new JsonObject { ["start"] = _values.BadPosition(text), ["end"] = _values.BadPosition(text) }, ["text"] = "x" },
                2 => new JsonObject { ["range"] = new JsonObject { ["start"] = start, ["end"] = end } },
                3 => new JsonObject { ["range"] = _values.AnyJson(), ["text"] = _values.AnyJson() },
                _ => new JsonObject { ["text"] = null },
            };
            version = _values.Chance(0.5) ? version : _values.Random.Next(-5, version);
        }
        return new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri(path), ["version"] = version },
            ["contentChanges"] = new JsonArray(change),
        };
    }

    private (JsonObject Start, JsonObject End, int StartOffset, int EndOffset) Span(string text)
    {
        var a = _values.Random.Next(text.Length + 1);
        var b = _values.Chance(0.8) ? a : Math.Min(text.Length, a + _values.Random.Next(0, 20));
        // The shadow splits lines at '\n' only; where Roslyn sees another line break (CR, U+2028) the two drift
        // apart, which costs plausibility, never correctness: the server checks every position itself.
        return (PositionOf(text, a), PositionOf(text, b), a, b);
    }

    private static JsonObject PositionOf(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return FuzzValues.Position(line, offset - lineStart);
    }

    private FuzzMessage OpenCloseOrSave()
    {
        var path = _values.Chance(0.9) ? Pick(_files) : Path.Combine(_folder, Pick(["New.cs", "sub/Deep.cs", "Binary.cs"]));
        switch (_values.Random.Next(6))
        {
            case 0:
            case 1:
                return Open(path);
            case 2:
                _open.Remove(path);
                return Notification("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri(path) } });
            case 3:
                return Notification("textDocument/didSave", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri(path) }, ["text"] = _values.Chance(0.5) ? TextOf(path) : null });
            case 4:
                // Binary content opened as C#.
                var binary = new string(Enumerable.Range(0, _values.Random.Next(1, 4000)).Select(_ => (char)_values.Random.Next(0, 256)).ToArray());
                Commit(path, binary, 1);
                return Notification("textDocument/didOpen", OpenParams(path, binary), "didOpen (binary)");
            default:
                return Notification("textDocument/didOpen", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Pick(["untitled:Untitled-1", "http://example.com/A.cs", "file://", "not a uri"]), ["languageId"] = "csharp", ["version"] = 1, ["text"] = "class A {}" } }, "didOpen (not a file)");
        }
    }

    private FuzzMessage Open(string path)
    {
        _open.Remove(path);
        var text = TextOf(path) is { Length: > 0 } onDisk ? onDisk : "namespace Fuzz;\n\npublic class Added { }\n";
        Commit(path, text, 1);
        return Notification("textDocument/didOpen", OpenParams(path, text), "didOpen");
    }

    private JsonObject OpenParams(string path, string? text = null) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = Uri(path), ["languageId"] = "csharp", ["version"] = 1, ["text"] = text ?? TextOf(path) },
    };

    private FuzzMessage Cancel()
    {
        JsonNode? id = _values.Random.Next(5) switch
        {
            0 when _recentIds.Count > 0 => _recentIds[^1],
            1 when _recentIds.Count > 0 => Pick(_recentIds),
            2 => "not-an-id",
            3 => _values.AnyJson(),
            _ => _values.Random.Next(1, 1_000_000),
        };
        return Notification("$/cancelRequest", new JsonObject { ["id"] = id }, "cancel");
    }

    private JsonNode? Settings() => _values.Random.Next(4) switch
    {
        0 => new JsonObject { ["nanolsp"] = new JsonObject { [Pick(["logLevel", "diagnostics", "inlineCompletion", "memory", "model"])] = _values.AnyJson() } },
        1 => new JsonObject { ["nanolsp.inlineCompletion.deadlineMs"] = _values.AnyJson(), ["nanolsp.diagnostics.debounceMs"] = _values.AnyJson() },
        2 => new JsonObject { ["nanolsp"] = new JsonObject { ["inlineCompletion"] = new JsonObject { ["maxLength"] = _values.Random.Next(-10, 1000), ["enabled"] = _values.Chance(0.8) } } },
        _ => _values.AnyJson(),
    };

    /// <summary>A didChange of megabytes (code-like or binary-looking) and its undo, or a request with a huge string
    /// param. The undo follows at once (as a paste and Ctrl+Z): otherwise every later request on that document
    /// pays for analysing megabytes of noise, and the run measures that instead of the rest of the traffic.</summary>
    private IEnumerable<FuzzMessage> Huge()
    {
        var text = _values.Huge();
        if (_values.Chance(0.3))
        {
            yield return Request("textDocument/hover", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = text[..Math.Min(text.Length, 300_000)] }, ["position"] = FuzzValues.Position(0, 0) }, "hover (huge uri)");
            yield break;
        }
        var path = Pick(_files);
        var before = TextOf(path);
        foreach (var (content, label) in new[] { (text, "didChange (huge)"), (before, "didChange (undo huge)") })
        {
            Commit(path, content, _versions.GetValueOrDefault(path) + 1);
            yield return Notification("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = Uri(path), ["version"] = _versions[path] },
                ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = content }),
            }, label);
        }
    }

    /// <summary>Frames whose header or length lie. Each is followed by a throwaway notification: a frame that
    /// claims more bytes than it has swallows the start of the next one.</summary>
    private IEnumerable<FuzzMessage> BrokenFrame()
    {
        var body = Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{NextId()},\"method\":\"textDocument/hover\",\"params\":{{}}}}");
        var (label, bytes, lost) = _values.Random.Next(7) switch
        {
            0 => ("header without Content-Length", Concat("Content-Type: x\r\n\r\n", body), 0),
            1 => ("Content-Length too short", Concat($"Content-Length: {body.Length / 2}\r\n\r\n", body), 0),
            2 => ("Content-Length too long", Concat($"Content-Length: {body.Length + 40}\r\n\r\n", body), 40),
            3 => ("Content-Length not a number", Concat("Content-Length: many\r\n\r\n", body), 0),
            4 => ("garbage between frames", Encoding.UTF8.GetBytes("garbage\r\n\r\n"), 0),
            5 => ("Content-Length beyond any limit", Concat($"Content-Length: {int.MaxValue}\r\n\r\n", body), 0),
            _ => ("header line without colon", Concat("Content-Length 10\r\nHello\r\n\r\n", body), 0),
        };
        yield return new FuzzMessage(label, FuzzSend.Raw, bytes, LostAfter: lost);
        yield return Notification("$/fuzz/resync", new JsonObject { ["padding"] = new string('p', 64) }, "resync padding");
    }

    /// <summary>A frame whose body is not a usable JSON-RPC message; requests among them keep their id and must be answered.</summary>
    private FuzzMessage BadEnvelope()
    {
        var id = NextId();
        var (label, json, answered) = _values.Random.Next(12) switch
        {
            0 => ("truncated JSON", $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"textDocument/hover\",\"par", false),
            1 => ("not an object", "[1,2,3]", false),
            2 => ("batch", $"[{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"shutdown\"}}]", false),
            3 => ("jsonrpc 1.0", $"{{\"jsonrpc\":\"1.0\",\"id\":{id},\"method\":\"textDocument/hover\"}}", true),
            4 => ("method a number", $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":42}}", true),
            5 => ("params a string", $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"textDocument/hover\",\"params\":\"x\"}}", true),
            6 => ("response to nothing", $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{{\"a\":1}}}}", false),
            7 => ("invalid UTF-8 in a string", $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"textDocument/hover\",\"params\":{{\"textDocument\":{{\"uri\":\"file:///{FuzzValues.InvalidUtf8Mark}.cs\"}},\"position\":{{\"line\":0,\"character\":0}}}}}}", true),
            8 => ("lone surrogate in a string", $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"textDocument/hover\",\"params\":{{\"textDocument\":{{\"uri\":\"file:///{FuzzValues.LoneSurrogateMark}.cs\"}},\"position\":{{\"line\":0,\"character\":0}}}}}}", true),
            9 => ("empty body", "", false),
            10 => ("deep nesting", new string('[', 5000) + new string(']', 5000), false),
            _ => ("duplicate keys", $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"id\":{id},\"method\":\"shutdown\",\"method\":\"textDocument/hover\"}}", false),
        };
        var bytes = _values.Corrupt(json);
        return answered ? new FuzzMessage(label, FuzzSend.Request, bytes, id) : new FuzzMessage(label, FuzzSend.Notification, bytes);
    }

    private JsonObject InitializeParams()
    {
        var parameters = new JsonObject
        {
            ["processId"] = _values.Chance(0.9) ? Environment.ProcessId : null,
            ["rootUri"] = Uri(_folder),
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = Uri(_folder), ["name"] = "fuzz" }),
            ["capabilities"] = _values.Chance(0.9) ? LspClient.DefaultCapabilities() : new JsonObject { ["textDocument"] = _values.AnyJson() },
        };
        if (_values.Chance(0.2))
            parameters["initializationOptions"] = _values.AnyJson();
        return parameters;
    }

    private FuzzMessage Request(string method, JsonNode? parameters, string? label = null)
    {
        var id = NextId();
        _recentIds.Add(id);
        if (_recentIds.Count > 50)
            _recentIds.RemoveAt(0);
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null || _values.Chance(0.5))
            message["params"] = parameters;
        return new FuzzMessage(label ?? method, FuzzSend.Request, _values.Corrupt(message.ToJsonString()), id);
    }

    private FuzzMessage Notification(string method, JsonNode? parameters, string? label = null)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters };
        return new FuzzMessage(label ?? method, FuzzSend.Notification, _values.Corrupt(message.ToJsonString()));
    }

    private long NextId() => _nextId++;

    private void Commit(string path, string text, int version)
    {
        _open[path] = text;
        _versions[path] = version;
    }

    private readonly Dictionary<string, string> _onDisk = [];

    private string TextOf(string path)
    {
        if (_open.TryGetValue(path, out var text))
            return text;
        if (!_onDisk.TryGetValue(path, out text))
            _onDisk[path] = text = File.Exists(path) ? File.ReadAllText(path) : "";
        return text;
    }

    private T Pick<T>(IReadOnlyList<T> items) => _values.Pick(items);

    private static string Uri(string path) => LspClient.ToUri(path);

    private static byte[] Concat(string header, byte[] body) => [.. Encoding.ASCII.GetBytes(header), .. body];
}
