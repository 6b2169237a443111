"""Review comment and notification URLs (masterplan/views/comments.py).

`region_urlpatterns` are included under wilayah/<region_code>/ (masterplan/urls.py's
region_patterns); `urlpatterns` are top-level: the reviewers' inbox and the notifications."""

from django.urls import path

from .views import comments

THREAD = "komentar/<int:comment_pk>/"

region_urlpatterns = [
    path("komentar/", comments.RegionCommentsView.as_view(), name="region_comments"),
    path(THREAD, comments.ThreadView.as_view(), name="comment_thread"),
    path(THREAD + "balas/", comments.ReplyView.as_view(), name="comment_reply"),
    path(THREAD + "selesai/", comments.ResolveView.as_view(), name="comment_resolve"),
    path(THREAD + "buka/", comments.ResolveView.as_view(reopen=True), name="comment_reopen"),
    path("komentar/objek/<str:app_model>/<int:object_pk>/", comments.AnchorView.as_view(),
         name="comment_anchor"),
]

urlpatterns = [
    path("komentar/", comments.InboxView.as_view(), name="comment_inbox"),
    path("notifikasi/", comments.NotificationsView.as_view(), name="notifications"),
]
