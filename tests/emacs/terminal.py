"""Emacs in a real terminal (emacs -nw on a pseudo-terminal), typed at like a user: checks what batch
Emacs cannot, namely that idle timers fire on their own when the user stops typing and that the
ghost text is drawn on the screen, then accepted with TAB and saved.

Usage: python3 tests/emacs/terminal.py REPO SERVER-COMMAND-JSON PROJECT-COPY
Prints "emacs-tty: N passed, M failed"; exits non-zero on failure."""
import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time

repo, command, project = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
source = os.path.join(project, "Services", "InventoryService.cs")
passed = failed = 0


def check(name, ok):
    global passed, failed
    print(("PASS " if ok else "FAIL ") + name, flush=True)
    passed, failed = passed + bool(ok), failed + (not ok)


def elisp_string(text):
    return json.dumps(text)  # a JSON string literal is a valid Emacs Lisp string literal here


status_file = os.path.join(os.environ["HOME"], "status")

# The user's init file: what editors/emacs/README.md asks for, plus the test's server settings.
init = os.path.join(os.environ["HOME"], "tty-init.el")
with open(init, "w") as f:
    f.write(f"""
(load {elisp_string(os.path.join(repo, "editors/emacs/nanolsp.el"))})
(setq nanolsp-command '({" ".join(elisp_string(c) for c in command)})
      ;; Filters off: after `report.` Roslyn's monitor lets the real model write only a member of
      ;; StringBuilder, so a suggestion always shows; a long deadline for busy CI.
      nanolsp-settings '(:inlineCompletion (:deadlineMs 20000 :filters :json-false))
      eglot-connect-timeout 120
      make-backup-files nil
      ;; A fresh HOME natively compiles the ELPA packages once and pops their warnings up.
      native-comp-async-report-warnings-errors 'silent)
(add-hook 'csharp-mode-hook #'eglot-ensure)
(add-hook 'csharp-mode-hook #'nanolsp-inline-mode)
;; Test only: what the test waits for (diagnostics count, model state, the ghost text and the line
;; before point, so that a suggestion shown for an earlier keystroke is not taken for the awaited one).
(run-with-timer 0.5 0.5
  (lambda ()
    (let ((buffer (get-file-buffer {elisp_string(source)})))
      (with-temp-buffer
        (insert (json-encode
                 (list :count (if buffer (with-current-buffer buffer (length (flymake-diagnostics))) 0)
                       :state (or (plist-get nanolsp-model-status :state) "none")
                       :ghost (or (and buffer (with-current-buffer buffer (nanolsp-suggestion))) "")
                       :before (if buffer (with-current-buffer buffer
                                            (buffer-substring-no-properties (line-beginning-position) (point)))
                                 ""))))
        (write-region nil nil {elisp_string(status_file)} nil 'silent)))))
""")

pid, fd = pty.fork()
if pid != 0:
    # A 120x40 terminal: a fresh pseudo-terminal reports 0x0.
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
if pid == 0:
    os.environ.update(TERM="xterm", COLUMNS="120", LINES="40")
    os.execvp("emacs", ["emacs", "-nw", "-q", "-l", init, source])

screen = bytearray()


def read_for(seconds):
    """Collects terminal output for up to SECONDS."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                screen.extend(os.read(fd, 65536))
            except OSError:
                return


def text(raw):
    """Terminal output without its control sequences (each becomes a space, as cursor moves would)."""
    return re.sub(rb"\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>])", b" ", raw)


def wait_for(pattern, seconds, start=None):
    """Reads output until PATTERN (bytes regexp) appears in the text that arrived since the call (or since
    START, an offset in the screen); bounded."""
    start = len(screen) if start is None else start
    deadline = time.time() + seconds
    while time.time() < deadline:
        read_for(0.2)
        if re.search(pattern, text(bytes(screen[start:]))):
            return True
    return False


def wait_status(predicate, seconds):
    """Polls the status file Emacs writes (diagnostics count, model state) until PREDICATE holds."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        read_for(0.3)
        try:
            status = json.loads(open(status_file).read())
            if predicate(status):
                return status
        except (OSError, ValueError, KeyError):
            pass
    return False


def keys(text):
    os.write(fd, text.encode())



try:
    # The server connects and the sample's compile errors reach Flymake (shown in the mode line).
    check("emacs -nw starts and eglot connects", wait_for(rb"Connected!|eglot:", 120))
    # Requests wait for the workspace to load (its first diagnostics tell it is done); the model
    # loads apart from it and answers nothing until it is ready. The screen's mode line says both,
    # but a terminal is redrawn by differences, so the status file is what is polled.
    check("flymake holds the sample's diagnostics", wait_status(lambda status: status["count"] > 0, 180))
    check("the model is ready", wait_status(lambda status: status["state"] == "ready", 120))
    # Go to the start of the `return report` line and open a line above it, as a user would.
    keys("\x1bx" + "goto-line\r")
    # Find the line number of `return report.ToString();` (1-based) in the file on disk.
    with open(source) as f:
        line = next(i for i, l in enumerate(f, 1) if "return report.ToString();" in l)
    keys(f"{line}\r")
    keys("\x01")                       # C-a
    keys("\x0f")                       # C-o: open a line
    keys("        report")
    read_for(1)
    typed = len(screen)
    keys(".")                          # typing the dot: the idle timer fires by itself
    # A suggestion for `        report` (before the dot reached Emacs) may still be shown: wait for
    # the one made at `report.`.
    shown = wait_status(lambda status: status["ghost"] != "" and status["before"].endswith("report."), 60)
    ghost = shown["ghost"] if shown else ""
    print(f"     (the model suggested {ghost!r})", flush=True)
    # The screen is drawn by differences: search it for the suggestion's start (the line may be cut).
    check("the ghost text is drawn after typing stops", ghost != "" and wait_for(re.escape(ghost[:20].encode()), 60, start=typed))
    keys("\t")                         # TAB accepts
    read_for(1)
    keys("\x18\x13")                   # C-x C-s saves
    wait_for(rb"Wrote ", 20)
    with open(source) as f:
        saved = f.read()
    check("TAB accepted it and the saved file has the line",
          ghost != "" and ("        report." + ghost + "\n") in saved)
finally:
    keys("\x18\x03")                   # C-x C-c
    read_for(1)
    keys("yes\r")                      # in case Emacs asks about the running server
    read_for(2)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)

if failed:
    # The raw terminal output, escape sequences and all: enough to see which screen it ended on.
    with open(os.path.join(os.environ["HOME"], "terminal.raw"), "wb") as f:
        f.write(screen)
    print("terminal output kept in", os.path.join(os.environ["HOME"], "terminal.raw"))
print(f"emacs-tty: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
