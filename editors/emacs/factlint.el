;;; factlint.el --- factlint language server with eglot  -*- lexical-binding: t; -*-

;; Checks news drafts (Markdown and plain text) against the story's corpus of source documents with
;; `factlint lsp': findings as flymake diagnostics, evidence in eldoc, quick fixes with
;; `eglot-code-actions'. Needs Emacs 28+ with eglot (built in from Emacs 29; Debian: `elpa-eglot').
;;
;; Setup (init.el):
;;   (add-to-list 'load-path "/path/to/factlint/editors/emacs")
;;   (require 'factlint)
;;   (factlint-eglot-setup)          ; registers factlint for markdown-mode and text-mode
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)
;;
;; Each draft is checked with the `.factlint.toml' nearest to it, against that configuration's corpus.

;;; Code:

(require 'eglot)

(defgroup factlint nil
  "Fact-checking news drafts against their sources."
  :group 'tools)

(defcustom factlint-command '("factlint" "lsp")
  "Command that starts the factlint language server."
  :type '(repeat string))

(defcustom factlint-modes '(markdown-mode gfm-mode text-mode)
  "Major modes whose buffers eglot checks with factlint."
  :type '(repeat symbol))

(defcustom factlint-initialization-options nil
  "Settings sent to the server in `initializationOptions' (a plist), e.g.
\(:corpus [\"sources\"] :severity (:unsourced-claim \"hint\")).  They override
`.factlint.toml'; nil leaves the file in charge."
  :type 'sexp)

(defclass factlint-eglot-server (eglot-lsp-server) ()
  :documentation "The factlint language server.")

(cl-defmethod eglot-initialization-options ((_server factlint-eglot-server))
  "Pass `factlint-initialization-options'."
  (or factlint-initialization-options eglot--{}))

;;;###autoload
(defun factlint-eglot-setup ()
  "Register factlint with eglot for `factlint-modes'."
  (add-to-list 'eglot-server-programs
               (cons factlint-modes
                     (cons 'factlint-eglot-server factlint-command))))

;;;###autoload
(defun factlint-figures ()
  "Show the figure map of the current draft as JSON (`factlint.figures')."
  (interactive)
  (let* ((server (eglot--current-server-or-lose))
         (result (jsonrpc-request server :workspace/executeCommand
                                  `(:command "factlint.figures"
                                    :arguments [,(eglot--path-to-uri (buffer-file-name))]))))
    (with-current-buffer (get-buffer-create "*factlint figures*")
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert (json-encode result))
        (when (fboundp 'json-pretty-print-buffer) (json-pretty-print-buffer)))
      (special-mode)
      (display-buffer (current-buffer)))))

(provide 'factlint)
;;; factlint.el ends here
