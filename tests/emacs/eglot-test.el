;;; eglot-test.el --- headless test of editors/emacs/factlint.el (run by tests/editors/emacs.sh)  -*- lexical-binding: t; -*-
;; Opens the fixture draft (fixtures/lsp/nvim, whose corpus contradicts its figure) with eglot and
;; factlint, waits for factlint's flymake diagnostics, applies the first quick fix of the
;; number-conflict and checks that the buffer changed.  Exit status 0: pass.
;; Environment: FACTLINT_BIN, FACTLINT_EL (editors/emacs), FACTLINT_WS (a copy of the fixture).

(dolist (d (and (file-directory-p "/usr/share/emacs/site-lisp/elpa")
                (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[a-z]")))
  (add-to-list 'load-path d))
(add-to-list 'load-path (getenv "FACTLINT_EL"))
(require 'flymake)
(require 'factlint)

(defun out (fmt &rest args) (princ (concat (apply #'format fmt args) "\n")))
(defun fail (fmt &rest args)
  (out "FAIL: %s" (apply #'format fmt args))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs 1))
(defun wait-until (secs pred)
  (let ((deadline (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.2))
    (funcall pred)))

(let* ((ws (file-name-as-directory (getenv "FACTLINT_WS")))
       (factlint-command (list (getenv "FACTLINT_BIN") "lsp"))
       (factlint-initialization-options '(:debounceMs 0)))
  (factlint-eglot-setup)
  (find-file (expand-file-name "draft.md" ws))
  (text-mode)
  (setq-local default-directory ws)
  ;; eglot-ensure waits for a command loop that batch mode never runs: start it directly, with the
  ;; server class and command that factlint-eglot-setup registered.
  (let ((contact (cdr (assoc factlint-modes eglot-server-programs))))
    (unless (eq (car contact) 'factlint-eglot-server) (fail "factlint is not registered: %S" contact))
    (eglot '(text-mode) (cons 'transient ws) (car contact) (cdr contact) "markdown"))
  (unless (eglot-current-server) (fail "eglot did not connect"))
  (out "ok: eglot connected to %s" (plist-get (eglot--server-info (eglot-current-server)) :name))
  (flymake-mode 1)
  (unless (wait-until 60 (lambda ()
                           (flymake-start)
                           (cl-some (lambda (d) (string-match-p "number-conflict\\|no source supports"
                                                                (flymake-diagnostic-text d)))
                                    (flymake-diagnostics))))
    (fail "no factlint number-conflict in flymake: %S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
  (let* ((d (cl-find-if (lambda (d) (string-match-p "number-conflict\\|no source supports" (flymake-diagnostic-text d)))
                        (flymake-diagnostics)))
         (beg (flymake-diagnostic-beg d))
         (end (flymake-diagnostic-end d))
         (before (buffer-string)))
    (out "ok: flymake shows: %s" (flymake-diagnostic-text d))
    (let* ((actions (jsonrpc-request
                     (eglot-current-server) :textDocument/codeAction
                     (list :textDocument (eglot--TextDocumentIdentifier)
                           :range (list :start (eglot--pos-to-lsp-position beg)
                                        :end (eglot--pos-to-lsp-position end))
                           :context (list :diagnostics
                                          (vconcat (cl-loop for d in (flymake-diagnostics beg end)
                                                            when (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))
                                                            collect it))))))
           (fix (cl-find-if (lambda (a) (plist-get a :edit)) actions)))
      (unless fix (fail "no quick fix with an edit: %S" actions))
      (out "ok: applying the quick fix %S" (plist-get fix :title))
      (eglot--apply-workspace-edit (plist-get fix :edit))
      (when (equal before (buffer-string)) (fail "the quick fix did not change the buffer"))
      (unless (string-match-p "68,000" (buffer-string)) (fail "the buffer does not give the corpus figure: %s" (buffer-string)))
      (out "ok: buffer after the fix: %s" (string-trim (buffer-string)))))
  (set-buffer-modified-p nil)
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (out "PASS")
  (kill-emacs 0))
