app_name = "aidcard"

urlpatterns: list = []
