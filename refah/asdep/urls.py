app_name = "asdep"

urlpatterns: list = []
