/* "Répondre": moves the comment form under the comment answered and sets its parent.
   An enhancement only: without it the link adds ?replytocom=ID to the address and
   the receiver reads it from the Referer. No third-party code. */
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  if (!respond || !respond.querySelector) { return; }
  var form = respond.querySelector("form");
  var parent = form && form.querySelector('input[name="parent"]');
  var title = document.getElementById("respond-title");
  if (!parent || !title) { return; }
  var home = document.createComment("respond");
  respond.parentNode.insertBefore(home, respond);
  var heading = title.textContent;
  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "cancel-reply";
  cancel.textContent = "Annuler la réponse";

  function replyTo(id) {
    var comment = /^[a-z0-9-]+$/.test(id) && document.getElementById("comment-" + id);
    var body = comment && comment.querySelector(".comment-body");
    if (!body) { return false; }
    var author = body.querySelector(".comment-author");
    body.parentNode.insertBefore(respond, body.nextSibling);
    parent.value = id;
    title.textContent = "Répondre à " + (author ? author.textContent : "ce commentaire");
    title.parentNode.insertBefore(cancel, title.nextSibling);
    form.querySelector("textarea").focus();
    return true;
  }

  cancel.addEventListener("click", function () {
    home.parentNode.insertBefore(respond, home.nextSibling);
    parent.value = "";
    title.textContent = heading;
    cancel.remove();
    form.querySelector("textarea").focus();
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.comment-reply");
    var match = link && /[?&]replytocom=([a-z0-9-]+)/.exec(link.getAttribute("href"));
    if (match && replyTo(match[1])) { event.preventDefault(); }
  });

  var initial = /[?&]replytocom=([a-z0-9-]+)/.exec(window.location.search);
  if (initial) { replyTo(initial[1]); }
})();
