;;; e2e.el --- Real Emacs + Eglot against the real NanoLsp server, headless  -*- lexical-binding: t; -*-

;; Run by tests/emacs/run.sh:
;;   emacs --batch -l tests/emacs/e2e.el REPO SERVER-DLL PROJECT-COPY
;; Loads editors/emacs/nanolsp.el exactly as a user would, opens a C# file of a copy of
;; samples/Inventory, and checks what a user sees: Flymake diagnostics, ElDoc hover, code actions,
;; completion-at-point, settings from `eglot-workspace-configuration' in .dir-locals.el, the
;; ghost-text overlay driven by keys through the command loop, and one request to the real model.
;; Prints "emacs-batch: N passed, M failed" and exits non-zero on failure.

(require 'cl-lib)
(require 'subr-x)
(require 'bytecomp)

(defvar e2e-repo (expand-file-name (pop command-line-args-left)))
(defvar e2e-dll (expand-file-name (pop command-line-args-left)))
(defvar e2e-project (file-name-as-directory (expand-file-name (pop command-line-args-left))))
(defvar e2e-passed 0)
(defvar e2e-failed 0)
(defvar e2e-shown nil
  "The real model's suggestion after `report.' as the ghost text showed it. The filters are off
for the ghost-text checks: after `report.' Roslyn's monitor lets the model write only a member of
StringBuilder, so there always is one, whatever the model is.")

(defun e2e-wait (what timeout pred)
  "Poll PRED while serving the server's messages, up to TIMEOUT seconds; its value or nil.
Batch Emacs is never idle, so timers and process output are served here."
  (let ((deadline (+ (float-time) timeout)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (unless value (message "  (gave up waiting for %s after %ss)" what timeout))
    value))

(defmacro e2e-check (name &rest body)
  "Run BODY; a non-nil value passes, nil or an error fails."
  (declare (indent 1))
  `(let ((start (float-time)) result)
     (condition-case err
         (setq result (progn ,@body))
       (error (message "  error: %S" err) (setq result nil)))
     (if result (cl-incf e2e-passed) (cl-incf e2e-failed))
     (message "%s %s (%.1fs)" (if result "PASS" "FAIL") ,name (- (float-time) start))
     result))

;; Compiled into the private HOME that run.sh removes.
(defvar e2e-compiled (expand-file-name "nanolsp.elc" (getenv "HOME")))

(e2e-check "nanolsp.el byte-compiles without warnings"
  ;; package.el byte-compiles what it installs: a warning there is a user's first impression.
  (let ((byte-compile-error-on-warn t)
        (byte-compile-dest-file-function (lambda (_) e2e-compiled)))
    (byte-compile-file (expand-file-name "editors/emacs/nanolsp.el" e2e-repo))))
(load (if (file-exists-p e2e-compiled) e2e-compiled (expand-file-name "editors/emacs/nanolsp.el" e2e-repo)) nil t)

;; NANOLSP_E2E_TOOL=1 keeps the default `nanolsp --stdio' (the dotnet tool on PATH, as the README
;; sets it up) instead of the built server.
(unless (getenv "NANOLSP_E2E_TOOL")
  (setq nanolsp-command (list "dotnet" e2e-dll "--stdio")))
(message "server: %s" (mapconcat #'identity nanolsp-command " "))
(setq
 ;; A long deadline: automatic requests (typing) get 300 ms by default, too little on a busy CI machine.
 nanolsp-settings '(:inlineCompletion (:enabled t :deadlineMs 20000 :filters :json-false))
 eglot-connect-timeout 120
 ;; Eglot's synchronous requests (completion, code actions) give up after this; the first
 ;; completion on a busy 2-core CI machine has taken over the default 10 s.
 jsonrpc-default-request-timeout 60
 ;; The events buffer is the first place to look when a check fails.
 eglot-events-buffer-size 2000000)

(defun e2e-codes ()
  "The diagnostic codes Flymake holds for the buffer, with their 1-based lines."
  (cl-loop for d in (flymake-diagnostics)
           for lsp = (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))
           collect (cons (plist-get lsp :code) (line-number-at-pos (flymake-diagnostic-beg d)))))

(defun e2e-line-of (regexp)
  (save-excursion (goto-char (point-min)) (re-search-forward regexp) (line-number-at-pos)))

(defun e2e-goto (regexp)
  "Put point at the start of REGEXP's first match."
  (goto-char (point-min))
  (re-search-forward regexp)
  (goto-char (match-beginning 0)))

(defun e2e-diagnostic-at (code line)
  ;; Long: the first diagnostics wait for dotnet restore and the MSBuild load on a busy machine.
  (e2e-wait (format "%s on line %d" code line) 180
            (lambda () (member (cons code line) (e2e-codes)))))

(defun e2e-sync ()
  "Send pending edits now: Eglot sends them from an idle timer, and batch Emacs is never idle."
  (eglot--signal-textDocument/didChange))

(defun e2e-suggestion ()
  "Ask for a suggestion at point as the overlay code does; wait for the answer; the text shown."
  (let ((answered nil) (shown nil))
    (nanolsp-request-suggestion nil (lambda (text) (setq answered t shown text)))
    (e2e-wait "the inline answer" 60 (lambda () answered))
    shown))

(setq debug-on-error nil)
(let* ((file (expand-file-name "Services/InventoryService.cs" e2e-project))
       (buffer (find-file-noselect file)))
  ;; ElDoc's hover callback writes only to a buffer shown in a window, as in a real session.
  (switch-to-buffer buffer)
  (with-current-buffer buffer
    (e2e-check "csharp-mode is the buffer's major mode"
      (eq major-mode 'csharp-mode))

    ;; eglot-ensure connects from post-command-hook, after the command that opened the file.
    (eglot-ensure)
    (run-hooks 'post-command-hook)
    (e2e-check "eglot connects to the server"
      (e2e-wait "the connection" 120
                (lambda () (and (eglot-current-server)
                                (eglot--server-capable :hoverProvider)))))
    (unless (eglot-current-server)
      (message "emacs-batch: %d passed, %d failed" e2e-passed (1+ e2e-failed))
      (kill-emacs 1))
    (flymake-start)

    (e2e-check "flymake shows the compiler's CS0246 and CS0029 on their lines"
      (and (e2e-diagnostic-at "CS0246" (e2e-line-of "new StringBuilder"))
           (e2e-diagnostic-at "CS0029" (e2e-line-of "int units ="))))

    (e2e-check "hover at the CS0029 error explains it through eldoc"
      (e2e-goto "\"0\"")
      (let (doc)
        (eglot-hover-eldoc-function (lambda (info &rest _) (setq doc (or info ""))))
        (e2e-wait "the hover" 30 (lambda () doc))
        (message "  hover: %s" (car (split-string (or doc "") "\n")))
        (and doc (string-match-p "CS0029" doc) (string-match-p "no implicit conversion" doc))))

    (e2e-check "an error planted by typing arrives as a flymake diagnostic"
      (e2e-goto "^ *return units;")
      (insert "        Console.WriteLine(undeclaredName);\n")
      (e2e-sync)
      (e2e-diagnostic-at "CS0103" (e2e-line-of "undeclaredName")))

    (e2e-check "completion-at-point offers members after a dot"
      (e2e-goto "^ *return units;")
      (insert "        _items.")
      (e2e-sync)
      (let* ((capf (eglot-completion-at-point))
             (names (and capf (all-completions "" (nth 2 capf)))))
        (message "  %d candidates, e.g. %s" (length names) (seq-take names 5))
        (delete-region (line-beginning-position) (point))
        (e2e-sync)
        (member "TryGetValue" names)))

    (e2e-check "eglot-code-actions on CS0246 offers the add-using fix and applying it edits the buffer"
      (e2e-goto "StringBuilder()")
      (let (offered)
        ;; The user's pick in the minibuffer (batch Emacs reads the minibuffer from stdin).
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (_prompt items &rest _)
                     (setq offered (mapcar #'car items))
                     (cl-find "using System.Text;" offered :test #'string-match-p))))
          ;; From a key, as the README binds it: Eglot offers a popup menu when invoked by mouse.
          (define-key eglot-mode-map (kbd "C-c a") #'eglot-code-actions)
          (execute-kbd-macro (kbd "C-c a")))
        (message "  offered: %s" offered)
        (e2e-sync)
        (and (save-excursion (goto-char (point-min)) (re-search-forward "^using System.Text;$" nil t))
             (e2e-wait "CS0246 to go" 60
                       (lambda () (not (assoc "CS0246" (e2e-codes))))))))

    (e2e-goto "^ *return report")
    ;; Where the suggestion is kept when inline completion is on (the typing check shows it is).
    (insert "        report.")
    (save-excursion (insert "\n"))
    (nanolsp-inline-mode 1)
    (e2e-check "eglot-workspace-configuration from .dir-locals.el reaches the server (inline completion off)"
      ;; As editors/emacs/README.md shows it; re-read as Emacs does when a file is visited.
      (with-temp-file (expand-file-name ".dir-locals.el" e2e-project)
        (insert "((nil . ((eglot-workspace-configuration\n"
                "          . (:nanolsp (:logLevel \"debug\" :inlineCompletion (:enabled :json-false)))))))\n"))
      (hack-dir-local-variables-non-file-buffer)
      (message "  eglot-workspace-configuration: %S" eglot-workspace-configuration)
      (eglot-signal-didChangeConfiguration (eglot-current-server))
      ;; An empty answer, not an error: the server was asked and declined.
      (e2e-sync)
      (let ((result (jsonrpc-request (eglot-current-server) :nanolsp/inlineCompletion
                                     (append (eglot--TextDocumentPositionParams) '(:context (:triggerKind 1))))))
        (message "  answer: %S" result)
        (and (listp result) (vectorp (plist-get result :items)) (= 0 (length (plist-get result :items))))))
    (setq-local eglot-workspace-configuration '(:nanolsp (:inlineCompletion (:enabled t))))
    (eglot-signal-didChangeConfiguration (eglot-current-server))

    (e2e-check "typing asks for a suggestion, shown as ghost text at point"
      ;; Keys go through the real command loop: self-insert, then post-command-hook.
      (delete-char -1)
      (execute-kbd-macro ".")
      (let ((timer nanolsp--idle-timer))
        (and (timerp timer)
             ;; Batch Emacs is never idle: fire the idle timer as an idle Emacs would.
             (progn (timer-event-handler timer) t)
             (e2e-wait "the ghost text" 60 #'nanolsp-suggestion)
             (progn (message "  ghost text: %S" (nanolsp-suggestion)) t)
             (setq e2e-shown (nanolsp-suggestion))
             (string-match-p "\\`[A-Za-z_]" e2e-shown)
             (= (overlay-start nanolsp--ghost) (point)))))

    (e2e-check "TAB accepts the suggestion into the buffer"
      (execute-kbd-macro (kbd "TAB"))
      (let ((line (buffer-substring (line-beginning-position) (line-end-position))))
        (message "  line after TAB: %S" line)
        (and (null nanolsp--ghost) (string= line (concat "        report." e2e-shown)))))

    (e2e-check "another key dismisses the suggestion and does its own work"
      (delete-region (- (point) (length e2e-shown)) (point))
      (e2e-sync)
      (and (e2e-suggestion)
           (progn (execute-kbd-macro (kbd "C-a")) t)
           (null nanolsp--ghost)
           (bolp)
           (string= (buffer-substring (line-beginning-position) (line-end-position)) "        report.")))

    (e2e-check "an electric key of the C# mode, such as (, also asks for a suggestion"
      (end-of-line)
      (execute-kbd-macro "(")
      (prog1 (and (eq (key-binding "(") #'c-electric-paren) (timerp nanolsp--idle-timer))
        (when nanolsp--idle-timer (cancel-timer nanolsp--idle-timer) (setq nanolsp--idle-timer nil))
        (delete-char -1)))

    (e2e-check "the model's status reaches the mode-line lighter"
      ;; format-mode-line gives "" in batch Emacs: check the lighter's entry and its text.
      (let ((shown (nanolsp--lighter)))
        (message "  lighter: %S, last: %S" shown (plist-get nanolsp-model-status :lastCompletion))
        (and (equal (plist-get nanolsp-model-status :state) "ready")
             (equal (cadr (assq 'nanolsp-inline-mode minor-mode-alist)) '(:eval (nanolsp--lighter)))
             (string-match-p "\\` Nano\\[[0-9]+ms\\]\\'" shown))))

    (e2e-check "with the filters on, an asked-for suggestion is decoded for Emacs's request"
      (setq-local eglot-workspace-configuration
                  '(:nanolsp (:inlineCompletion (:enabled t :filters t))))
      (eglot-signal-didChangeConfiguration (eglot-current-server))
      (end-of-line)
      (setq nanolsp-model-status nil)
      (let* ((shown (e2e-suggestion))
             (last (plist-get nanolsp-model-status :lastCompletion)))
        (message "  model wrote %S (%s ms, %s)" shown (plist-get nanolsp-model-status :lastLatencyMs) last)
        (nanolsp-dismiss-suggestion)
        ;; What the model wrote may be filtered out, stopped before its first doubtful token or cut by
        ;; the deadline on a busy machine: the prompt it read and the reason it stopped show it decoded.
        (and (equal (plist-get last :source) "model")
             (> (plist-get last :promptTokens) 0)
             (stringp (plist-get last :stopReason)))))

    (let ((server (eglot-current-server)))
      (when (> e2e-failed 0)
        (message "--- last lines of the Eglot events buffer ---\n%s"
                 (with-current-buffer (jsonrpc-events-buffer server)
                   (buffer-substring (save-excursion (goto-char (point-max)) (forward-line -80) (point))
                                     (point-max)))))
      ;; Eglot 1.9's jsonrpc kills the process right after `exit', so only the answer to `shutdown' is checked.
      (e2e-check "eglot-shutdown gets the server's answer to shutdown"
        (progn (eglot-shutdown server) (not (jsonrpc-running-p server)))))))

(message "emacs-batch: %d passed, %d failed" e2e-passed e2e-failed)
(kill-emacs (if (and (> e2e-passed 0) (= e2e-failed 0)) 0 1))
