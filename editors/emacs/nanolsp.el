;;; nanolsp.el --- Eglot setup for NanoLsp, a C# language server  -*- lexical-binding: t; -*-

;; Version: 0.1
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, tools

;;; Commentary:

;; Load this file (or copy it into your init file) to use NanoLsp from Eglot:
;;
;;   (load "/path/to/NanoLsp/editors/emacs/nanolsp.el")
;;   (add-hook 'csharp-mode-hook #'eglot-ensure)
;;
;; What works with Eglot 1.9 (Debian 12, Emacs 28): diagnostics through Flymake, hover with
;; the server's error explanations through ElDoc, completion-at-point, and code actions with
;; `eglot-code-actions' (the server puts each action's edit in the list for a client, like Eglot 1.9,
;; that does not resolve them).  Eglot has no inline (ghost-text) completion; `nanolsp-inline-mode'
;; shows the server's `nanolsp/inlineCompletion' suggestion as an overlay instead.

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'jsonrpc)

(defgroup nanolsp nil
  "NanoLsp, a C# language server with a local code model."
  :group 'eglot
  :prefix "nanolsp-")

(defcustom nanolsp-command '("nanolsp" "--stdio")
  "Program and arguments that start the server over stdio."
  :type '(repeat string))

(defcustom nanolsp-settings nil
  "The `nanolsp' settings section (see docs/protocol.md), as a plist.
Sent as initialization options; nil leaves every setting at the
server's default.  For example:

  (:inlineCompletion (:deadlineMs 500) :diagnostics (:analyzers :json-false))

Per-project overrides go in `eglot-workspace-configuration' under the
`:nanolsp' key."
  :type 'plist)

(defcustom nanolsp-inline-idle-delay 0.05
  "Seconds of quiet after typing before `nanolsp-inline-mode' asks.
It asks the server for an inline suggestion at point.  The server owns
the timing (it keeps only the newest request per document and drops
answers past its deadline): this only lets queued keystrokes go first."
  :type 'number)

(defface nanolsp-ghost-face '((t :inherit shadow))
  "Face of an inline suggestion not yet accepted.")

;; Debian 12 packages no csharp-mode and Emacs 28 has none built in (Emacs 29 has csharp-mode and
;; csharp-ts-mode): give .cs files a mode that Eglot can attach to.  Java's cc-mode indents and
;; highlights braces-and-semicolons code well enough.
(unless (fboundp 'csharp-mode)
  (define-derived-mode csharp-mode java-mode "C#"
    "Minimal C# mode from nanolsp.el, for Emacs versions without one.")
  (add-to-list 'auto-mode-alist '("\\.cs\\'" . csharp-mode)))

;;; Finding the server and dotnet

;; An Emacs started from a dock, a start menu or a desktop file often lacks ~/.dotnet/tools on its
;; PATH, and the tool's launcher does not look in Homebrew's folder for dotnet.  Each function takes
;; a HOST plist (what the machine looks like) so other platforms' layouts test on any machine
;; (tests/emacs/locate.el); `nanolsp--host' is the real one.

(defun nanolsp--host ()
  "This machine, as the locate functions see it."
  (list :os (pcase system-type ('windows-nt 'windows) ('darwin 'macos) (_ 'linux))
        :arch (if (string-match-p "\\`\\(aarch64\\|arm64\\)" system-configuration) "arm64" "x64")
        :env #'getenv
        :home (expand-file-name "~")
        :exists (lambda (file) (and (file-exists-p file) (not (file-directory-p file))))
        :read (lambda (file)
                (when (file-readable-p file)
                  (with-temp-buffer (insert-file-contents file) (buffer-string))))
        :realpath #'file-truename))

(defun nanolsp--join (host &rest parts)
  "PARTS joined with HOST's separator."
  (mapconcat #'identity parts (if (eq (plist-get host :os) 'windows) "\\" "/")))

(defun nanolsp--env (host name)
  "Environment variable NAME on HOST, nil when unset or empty."
  (let ((value (funcall (plist-get host :env) name)))
    (and value (not (string-empty-p value)) value)))

(defun nanolsp--unquote (dir)
  "DIR without surrounding blanks and double quotes.
Windows PATH entries may be quoted."
  (let ((dir (string-trim dir)))
    (if (string-match "\\`\"\\(.*\\)\"\\'" dir) (match-string 1 dir) dir)))

(defun nanolsp--path-dirs (host)
  "The folders of HOST's PATH."
  (let ((value (or (nanolsp--env host "PATH") (nanolsp--env host "Path") "")))
    (delete "" (mapcar #'nanolsp--unquote
                       (split-string value (if (eq (plist-get host :os) 'windows) ";" ":"))))))

(defun nanolsp--default-roots (host)
  "The folders HOST's .NET installers use, most common first."
  (let ((home (plist-get host :home)))
    (pcase (plist-get host :os)
      ('windows
       (let ((pf (or (nanolsp--env host "ProgramFiles") "C:\\Program Files"))
             (local (nanolsp--env host "LOCALAPPDATA")))
         (delq nil (list (nanolsp--join host pf "dotnet")
                         (and (equal (plist-get host :arch) "x64") (nanolsp--join host pf "dotnet" "x64"))
                         (and local (nanolsp--join host local "Microsoft" "dotnet"))
                         (nanolsp--join host home ".dotnet")))))
      ('macos (list "/usr/local/share/dotnet" "/usr/local/share/dotnet/x64" "/opt/homebrew/opt/dotnet/libexec"
                    "/usr/local/opt/dotnet/libexec" (concat home "/.dotnet")))
      (_ (list "/usr/share/dotnet" "/usr/lib/dotnet" "/usr/lib64/dotnet" "/snap/dotnet-sdk/current"
               "/usr/local/share/dotnet" (concat home "/.dotnet"))))))

(defun nanolsp-locate-dotnet (&optional host)
  "Where dotnet is on HOST: a plist (:path :root :source), or nil.
The .NET host's own order: DOTNET_ROOT_<ARCH>, DOTNET_ROOT, the registered
install location, the installers' folders; PATH before the last two."
  (let* ((host (or host (nanolsp--host)))
         (exe (if (eq (plist-get host :os) 'windows) "dotnet.exe" "dotnet"))
         (try (lambda (root source)
                (when (and root (not (string-empty-p (nanolsp--unquote root))))
                  (let ((file (nanolsp--join host (nanolsp--unquote root) exe)))
                    (when (funcall (plist-get host :exists) file)
                      (list :path file
                            :root (replace-regexp-in-string "[/\\][^/\\]*\\'" "" (funcall (plist-get host :realpath) file))
                            :source source)))))))
    (or (funcall try (nanolsp--env host (concat "DOTNET_ROOT_" (upcase (plist-get host :arch)))) 'dotnet-root)
        (funcall try (nanolsp--env host "DOTNET_ROOT") 'dotnet-root)
        (cl-some (lambda (dir) (funcall try dir 'path)) (nanolsp--path-dirs host))
        (unless (eq (plist-get host :os) 'windows)
          (cl-some (lambda (file)
                     (let ((text (funcall (plist-get host :read) file)))
                       (and text (funcall try (car (split-string text "[\r\n]")) 'install-location))))
                   (list (concat "/etc/dotnet/install_location_" (plist-get host :arch)) "/etc/dotnet/install_location")))
        (cl-some (lambda (root) (funcall try root 'default-location)) (nanolsp--default-roots host)))))

(defun nanolsp-locate-server (&optional host)
  "The `nanolsp' tool on HOST: on PATH, else in ~/.dotnet/tools.
nil when neither has it."
  (let* ((host (or host (nanolsp--host)))
         (names (if (eq (plist-get host :os) 'windows) '("nanolsp.exe" "nanolsp.cmd") '("nanolsp")))
         (dirs (append (nanolsp--path-dirs host)
                       (list (nanolsp--join host (plist-get host :home) ".dotnet" "tools")))))
    (cl-some (lambda (dir)
               (cl-some (lambda (name)
                          (let ((file (nanolsp--join host dir name)))
                            (and (funcall (plist-get host :exists) file) file)))
                        names))
             dirs)))

(defun nanolsp--server-env (host dotnet)
  "NAME=VALUE strings for the server on HOST with DOTNET.
DOTNET is what `nanolsp-locate-dotnet' found.
DOTNET_ROOT names it (the tool's launcher looks there, not on PATH), and a
dotnet found off PATH goes first on PATH."
  (when dotnet
    (append
     (unless (nanolsp--env host "DOTNET_ROOT") (list (concat "DOTNET_ROOT=" (plist-get dotnet :root))))
     (unless (eq (plist-get dotnet :source) 'path)
       (list (concat "PATH=" (plist-get dotnet :root) (if (eq (plist-get host :os) 'windows) ";" ":")
                     (or (nanolsp--env host "PATH") "")))))))

(defun nanolsp-server-command (&optional host)
  "The program and arguments that start the server on HOST.
`nanolsp-command', with a `nanolsp' not on PATH found in ~/.dotnet/tools and
a `dotnet' found where the platform's installers put it; on Linux and macOS
started through env(1) with the variables of `nanolsp--server-env'."
  (let* ((host (or host (nanolsp--host)))
         (command (copy-sequence nanolsp-command))
         (dotnet (nanolsp-locate-dotnet host)))
    (cond ((and (equal (car command) "nanolsp") (not (executable-find "nanolsp")))
           (setcar command (or (nanolsp-locate-server host) "nanolsp")))
          ((and (equal (car command) "dotnet") dotnet)
           (setcar command (plist-get dotnet :path))))
    (let ((env (nanolsp--server-env host dotnet)))
      (if (and env (not (eq (plist-get host :os) 'windows)))
          (append (list "env") env command)
        command))))

(defun nanolsp--contact (&optional _interactive)
  "The Eglot contact: the server command, settings as initialization options."
  (let ((command (nanolsp-server-command)))
    (if nanolsp-settings
        `(,@command :initializationOptions (:nanolsp ,nanolsp-settings))
      command)))

(add-to-list 'eglot-server-programs
             '(((csharp-mode :language-id "csharp") (csharp-ts-mode :language-id "csharp"))
               . nanolsp--contact))

;; Eglot's workspace root is the project's root.  Outside a version-controlled tree project.el
;; finds no project and Eglot would use the file's own folder, so the server would not see the
;; solution or project file: use the nearest folder holding one instead.
(defun nanolsp-project-find (dir)
  "A `project-find-functions' member for C# buffers.
The nearest folder at or above DIR holding a .sln or .slnx, else a .csproj."
  (when (derived-mode-p 'csharp-mode 'csharp-ts-mode)
    (when-let ((root (or (locate-dominating-file dir (lambda (d) (directory-files d nil "\\.slnx?\\'" t)))
                         (locate-dominating-file dir (lambda (d) (directory-files d nil "\\.csproj\\'" t))))))
      (cons 'transient (expand-file-name root)))))

(add-hook 'project-find-functions #'nanolsp-project-find t)

;;; The server

(defun nanolsp--server ()
  (or (eglot-current-server) (user-error "[nanolsp] No Eglot server in this buffer")))

;;; Model status

(defvar nanolsp-model-status nil
  "The last nanolsp/modelStatus notification's params, a plist.
:state is \"loading\", \"ready\", \"missing\" or \"error\"; after each inline
completion :lastLatencyMs and :lastCompletion tell how it went.
See docs/protocol.md.")

(cl-defmethod eglot-handle-notification
  (_server (_method (eql 'nanolsp/modelStatus)) &rest params &key state message &allow-other-keys)
  "Keep the model's status for the mode line; say so when it cannot be used."
  (unless (equal state (plist-get nanolsp-model-status :state))
    (when (member state '("missing" "error"))
      (message "[nanolsp] model %s: %s" state message)))
  (setq nanolsp-model-status params)
  (force-mode-line-update t))

(defun nanolsp--lighter ()
  (let ((state (plist-get nanolsp-model-status :state))
        (ms (plist-get nanolsp-model-status :lastLatencyMs)))
    (cond ((null state) " Nano")
          ((and (equal state "ready") ms) (format " Nano[%dms]" (round ms)))
          (t (format " Nano[%s]" state)))))

;;; Inline suggestions (ghost text)

(defvar-local nanolsp--ghost nil "Overlay showing the current suggestion, or nil.")
(defvar-local nanolsp--idle-timer nil)

(defvar nanolsp-ghost-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "TAB") #'nanolsp-accept-suggestion)
    (define-key map (kbd "<tab>") #'nanolsp-accept-suggestion)
    map)
  "Keys active while a suggestion is shown; any other key dismisses it.")

(defun nanolsp-dismiss-suggestion ()
  "Remove the shown suggestion, if any."
  (interactive)
  (when nanolsp--ghost
    (delete-overlay nanolsp--ghost)
    (setq nanolsp--ghost nil)))

(defun nanolsp-suggestion ()
  "The text of the shown suggestion, or nil."
  (and nanolsp--ghost (overlay-get nanolsp--ghost 'nanolsp-text)))

(defun nanolsp-accept-suggestion ()
  "Insert the shown suggestion at point."
  (interactive)
  (let ((text (nanolsp-suggestion))
        (pos (and nanolsp--ghost (overlay-start nanolsp--ghost))))
    (nanolsp-dismiss-suggestion)
    (when text
      (goto-char pos)
      (insert text))))

(defun nanolsp--show (text pos)
  (nanolsp-dismiss-suggestion)
  (let ((shown (propertize text 'face 'nanolsp-ghost-face)))
    ;; The cursor property keeps point before the ghost text instead of after it.
    (put-text-property 0 1 'cursor t shown)
    (setq nanolsp--ghost (make-overlay pos pos nil t nil))
    (overlay-put nanolsp--ghost 'after-string shown)
    (overlay-put nanolsp--ghost 'nanolsp-text text)
    (set-transient-map nanolsp-ghost-map nil
                       (let ((buffer (current-buffer)))
                         (lambda ()
                           (when (buffer-live-p buffer)
                             (with-current-buffer buffer
                               (unless (eq this-command #'nanolsp-accept-suggestion)
                                 (nanolsp-dismiss-suggestion)))))))))

(defun nanolsp--first-item (result)
  "The first item of an InlineCompletionList or of an array of items."
  (let ((items (if (vectorp result) result (plist-get result :items))))
    (and (> (length items) 0) (aref items 0))))

(defun nanolsp-request-suggestion (&optional automatic callback)
  "Ask the server for an inline suggestion at point and show it as ghost text.
AUTOMATIC means the request comes from typing (trigger kind 2), not
from the user asking (1).  CALLBACK, when given, gets the text shown or nil."
  (interactive)
  (let ((server (nanolsp--server))
        (buffer (current-buffer))
        (tick (buffer-chars-modified-tick))
        (pos (point)))
    ;; Eglot sends pending changes only before its own requests: this one must see them too.
    (eglot--signal-textDocument/didChange)
    (jsonrpc-async-request
     server :nanolsp/inlineCompletion
     (append (eglot--TextDocumentPositionParams)
             `(:context (:triggerKind ,(if automatic 2 1))))
     :success-fn
     (lambda (result)
       (when (buffer-live-p buffer)
         (with-current-buffer buffer
           ;; An answer to an older state of the buffer would be shown in the wrong place.
           (let* ((item (and (= tick (buffer-chars-modified-tick)) (= pos (point))
                             (nanolsp--first-item result)))
                  (text (and item (plist-get item :insertText))))
             (if (and (stringp text) (> (length text) 0))
                 (nanolsp--show text pos)
               (setq text nil))
             (when callback (funcall callback text))))))
     :error-fn (lambda (err)
                 (message "[nanolsp] inline completion failed: %s" (plist-get err :message))
                 (when callback (funcall callback nil))))))

(defun nanolsp--typing-command-p (command)
  "Whether COMMAND inserts what was typed.
That is `self-insert-command' or a cc-mode electric key."
  (and (symbolp command)
       (or (eq command #'self-insert-command)
           (string-prefix-p "c-electric-" (symbol-name command)))))

(defun nanolsp--after-command ()
  (when nanolsp--idle-timer (cancel-timer nanolsp--idle-timer))
  (setq nanolsp--idle-timer nil)
  ;; Typing, including cc-mode's electric keys (`(', `;', `{', ...), which are their own commands.
  (when (and (nanolsp--typing-command-p this-command) (eglot-current-server))
    (let ((buffer (current-buffer)))
      (setq nanolsp--idle-timer
            (run-with-idle-timer nanolsp-inline-idle-delay nil
                                 (lambda ()
                                   (when (buffer-live-p buffer)
                                     (with-current-buffer buffer
                                       (nanolsp-request-suggestion t)))))))))

(define-minor-mode nanolsp-inline-mode
  "Show NanoLsp's inline suggestions as ghost text while typing; TAB accepts."
  :lighter (:eval (nanolsp--lighter))
  (if nanolsp-inline-mode
      (add-hook 'post-command-hook #'nanolsp--after-command nil t)
    (remove-hook 'post-command-hook #'nanolsp--after-command t)
    (nanolsp-dismiss-suggestion)))

(provide 'nanolsp)
;;; nanolsp.el ends here
