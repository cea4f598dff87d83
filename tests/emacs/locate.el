;;; locate.el --- nanolsp.el's server and dotnet discovery on each platform's layout  -*- lexical-binding: t; -*-

;; Run by tests/emacs/run.sh:  emacs --batch -l tests/emacs/locate.el REPO
;; Fake hosts answer from a list of files, so Windows and macOS layouts (paths with spaces, Homebrew's
;; symlinks) are checked here; the real host is checked too.  Prints "emacs-locate: N passed, M failed".

(require 'cl-lib)
(defvar locate-repo (expand-file-name (pop command-line-args-left)))
(load (expand-file-name "editors/emacs/nanolsp.el" locate-repo) nil t)

(defvar locate-passed 0)
(defvar locate-failed 0)

(defun locate-host (os arch files env &rest extra)
  "A fake host: OS, ARCH, existing FILES, ENV alist; EXTRA :links, :texts, :home."
  (list :os os :arch arch
        :env (lambda (name) (cdr (assoc name env)))
        :home (or (plist-get extra :home)
                  (pcase os ('windows "C:\\Users\\Ada Lovelace") ('macos "/Users/ada") (_ "/home/ada")))
        :exists (lambda (file) (member file files))
        :read (lambda (file) (cdr (assoc file (plist-get extra :texts))))
        :realpath (lambda (file) (or (cdr (assoc file (plist-get extra :links))) file))))

(defun locate-is (name got want)
  "Count NAME as passed when GOT equals WANT."
  (if (equal got want) (cl-incf locate-passed) (cl-incf locate-failed))
  (message "%s %s%s" (if (equal got want) "PASS" "FAIL") name
           (if (equal got want) "" (format ": got %S, want %S" got want))))

(locate-is "windows Program Files dotnet"
           (nanolsp-locate-dotnet (locate-host 'windows "x64" '("C:\\Program Files\\dotnet\\dotnet.exe") '(("ProgramFiles" . "C:\\Program Files"))))
           '(:path "C:\\Program Files\\dotnet\\dotnet.exe" :root "C:\\Program Files\\dotnet" :source default-location))
(locate-is "windows quoted PATH entry with spaces"
           (plist-get (nanolsp-locate-dotnet (locate-host 'windows "arm64" '("D:\\Dev Tools\\dotnet\\dotnet.exe") '(("Path" . "C:\\Windows;\"D:\\Dev Tools\\dotnet\"")))) :source)
           'path)
(locate-is "windows tool shim in a home with spaces"
           (nanolsp-locate-server (locate-host 'windows "x64" '("C:\\Users\\Ada Lovelace\\.dotnet\\tools\\nanolsp.exe") '(("Path" . "C:\\Windows"))))
           "C:\\Users\\Ada Lovelace\\.dotnet\\tools\\nanolsp.exe")
(let ((brew (locate-host 'macos "arm64" '("/opt/homebrew/bin/dotnet") '(("PATH" . "/opt/homebrew/bin:/usr/bin"))
                         :links '(("/opt/homebrew/bin/dotnet" . "/opt/homebrew/Cellar/dotnet/10.0.1/libexec/dotnet")))))
  (locate-is "macos Homebrew root is its libexec" (plist-get (nanolsp-locate-dotnet brew) :root) "/opt/homebrew/Cellar/dotnet/10.0.1/libexec")
  (locate-is "macos Homebrew root goes to the server as DOTNET_ROOT" (nanolsp--server-env brew (nanolsp-locate-dotnet brew))
             '("DOTNET_ROOT=/opt/homebrew/Cellar/dotnet/10.0.1/libexec")))
(locate-is "macos official installer off PATH"
           (plist-get (nanolsp-locate-dotnet (locate-host 'macos "arm64" '("/usr/local/share/dotnet/dotnet") '(("PATH" . "/usr/bin")))) :path)
           "/usr/local/share/dotnet/dotnet")
(locate-is "macos tool in ~/.dotnet/tools off PATH"
           (nanolsp-locate-server (locate-host 'macos "arm64" '("/Users/ada/.dotnet/tools/nanolsp") '(("PATH" . "/usr/bin"))))
           "/Users/ada/.dotnet/tools/nanolsp")
(locate-is "install_location with spaces"
           (plist-get (nanolsp-locate-dotnet (locate-host 'linux "arm64" '("/opt/my dotnet/dotnet") nil
                                                          :texts '(("/etc/dotnet/install_location" . "/opt/my dotnet\n"))))
                      :source)
           'install-location)
(let ((distro (locate-host 'linux "x64" '("/usr/lib/dotnet/dotnet") '(("PATH" . "/usr/bin")))))
  (locate-is "linux distro package" (plist-get (nanolsp-locate-dotnet distro) :path) "/usr/lib/dotnet/dotnet")
  (locate-is "dotnet off PATH goes first on the server's PATH" (nanolsp--server-env distro (nanolsp-locate-dotnet distro))
             '("DOTNET_ROOT=/usr/lib/dotnet" "PATH=/usr/lib/dotnet:/usr/bin"))
  (let ((nanolsp-command '("dotnet" "/opt/Nano Lsp/NanoLsp.dll" "--stdio")))
    (locate-is "a dotnet command runs the dotnet found, through env"
               (nanolsp-server-command distro)
               '("env" "DOTNET_ROOT=/usr/lib/dotnet" "PATH=/usr/lib/dotnet:/usr/bin" "/usr/lib/dotnet/dotnet" "/opt/Nano Lsp/NanoLsp.dll" "--stdio"))))
(locate-is "DOTNET_ROOT_ARM64 before DOTNET_ROOT"
           (plist-get (nanolsp-locate-dotnet (locate-host 'linux "arm64" '("/a/dotnet" "/b/dotnet") '(("DOTNET_ROOT_ARM64" . "/a") ("DOTNET_ROOT" . "/b")))) :path)
           "/a/dotnet")
(locate-is "nothing found" (nanolsp-locate-dotnet (locate-host 'linux "x64" nil '(("PATH" . "/usr/bin")))) nil)
(let ((here (nanolsp-locate-dotnet)))
  (locate-is "this machine's dotnet is found and runs" (and here (file-executable-p (plist-get here :path))) t))

(message "emacs-locate: %d passed, %d failed" locate-passed locate-failed)
(kill-emacs (if (and (= locate-failed 0) (> locate-passed 0)) 0 1))
